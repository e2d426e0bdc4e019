/*
 * Issue 4 item 5, DESIGN.md §1 ("the product's main job"): `java -jar mqttas-gateway.jar` runs an OSGi
 * gateway — Apache Felix with SCR, ConfigAdmin, metatype, FileInstall, Gogo, log and our bundles — that
 * takes its configurations from a folder, with an embedded broker when none is configured.
 */
package io.mqttas.gateway;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** Starts the broker (if needed), then the framework; prints what runs; waits until the framework stops. */
public final class Gateway {
    static final String SESSION_PID = "io.mqttas.session";
    static final String CLIENT = "io.mqttas.session.MqttClient";

    private Gateway() {
    }

    public static void main(String[] args) throws Exception {
        // slf4j-simple (launcher and bundles): times on, the embedded broker's chatter off
        System.setProperty("org.slf4j.simpleLogger.showDateTime", System.getProperty("org.slf4j.simpleLogger.showDateTime", "true"));
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.log.io.moquette", System.getProperty("org.slf4j.simpleLogger.log.io.moquette", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
        Path conf = Path.of("conf");
        Path data = Path.of("data");
        Path bundles = null;
        int brokerPort = 1883;
        boolean shell = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--conf" -> conf = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--bundles" -> bundles = Path.of(args[++i]);
                case "--broker-port" -> brokerPort = Integer.parseInt(args[++i]);
                case "--no-shell" -> shell = false;
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar mqttas-gateway.jar [--conf DIR] [--data DIR] [--bundles DIR (default DATA/bundles)] [--broker-port N (0 = any free)] [--no-shell]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        Path bundleDir = (bundles != null ? bundles : data.resolve("bundles")).toAbsolutePath();
        System.exit(run(conf.toAbsolutePath(), data.toAbsolutePath(), bundleDir, brokerPort, shell));
    }

    static int run(Path conf, Path data, Path bundleDir, int brokerPort, boolean shell) throws Exception {
        Files.createDirectories(conf);
        System.out.println("mqttas gateway " + version());
        System.out.println("  configuration folder: " + conf + "  (Felix FileInstall: *.cfg / *.config, applied live)");
        BundleFolder folder = BundleFolder.prepare(selfJar(), bundleDir);
        System.out.println("  bundles folder: " + bundleDir + "  (replace a file, then: update <id>; refresh)");
        for (String note : folder.notes()) {
            System.out.println("    " + note);
        }

        Optional<String> configured = ConfFolder.configuredServer(conf);
        EmbeddedBroker broker = null;
        if (configured.isPresent()) {
            System.out.println("  broker: " + configured.get());
        } else {
            int port = brokerPort == 0 ? freePort() : brokerPort;
            broker = EmbeddedBroker.start(port);
            System.out.println("  broker: embedded Moquette on " + EmbeddedBroker.HOST + ":" + port
                    + "  (no io.mqttas.session-*.cfg with a server in " + conf + ")");
        }

        Framework fw = startFramework(conf, data, folder, shell);
        EmbeddedBroker brokerToStop = broker;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(fw, brokerToStop), "mqttas-gateway-shutdown"));
        BundleContext ctx = fw.getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(ctx, ConfigurationAdmin.class, null);
        cm.open();
        if (broker != null) {
            ConfigurationAdmin ca = cm.waitForService(30_000);
            if (ca == null) {
                throw new IllegalStateException("ConfigurationAdmin did not start");
            }
            Configuration c = ca.createFactoryConfiguration(SESSION_PID, "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("client_id", "mqttas-gateway");
            p.put("server", EmbeddedBroker.HOST);
            p.put("port", broker.port());
            c.update(p);
        }
        printBundles(ctx);
        ConnectionReporter reporter = new ConnectionReporter(ctx);
        reporter.start();
        System.out.println(shell
                ? "  shell: Gogo on this console. Try: lb | mqtt:status | mqtt:pub test/topic hello | mqtt:sub 'test/#' 1 | help. Quit: stop 0"
                : "  shell: off (--no-shell); stop with Ctrl-C");
        System.out.flush();

        fw.waitForStop(0);
        reporter.stop();
        cm.close();
        if (broker != null) {
            broker.close();
        }
        return 0;
    }

    private static Path selfJar() throws Exception {
        return Path.of(Gateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Framework startFramework(Path conf, Path data, BundleFolder folder, boolean shell) throws Exception {
        Map<String, String> cfg = new TreeMap<>();
        cfg.put(Constants.FRAMEWORK_STORAGE, data.resolve("felix-cache").toString());
        cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // The launcher talks to ConfigAdmin (to point the client at the embedded broker): share that API.
        cfg.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.cm;version=1.6.0");
        cfg.put("felix.fileinstall.dir", conf.toString());
        cfg.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        cfg.put("felix.fileinstall.poll", "1000");
        cfg.put("felix.fileinstall.noInitialDelay", "true");
        // conf/ belongs to the user: never write configurations back into it (FileInstall's write-back
        // was seen to empty a .cfg file here).
        cfg.put("felix.fileinstall.enableConfigSave", "false");
        cfg.put("felix.fileinstall.log.level", "2");
        if (!shell) {
            cfg.put("gosh.args", "--nointeractive");   // no console: run in the background until Ctrl-C / SIGTERM
        }
        Framework fw = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(cfg);
        fw.init();
        fw.start();
        BundleContext ctx = fw.getBundleContext();
        // Shell commands first, so that `update`/`refresh` are ours from the first prompt (docs/osgi.md §1).
        BundleCommands.register(ctx);
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : folder.bundles()) {
            // A file: location: `update <id>` re-reads it (a stream install would leave a location Felix cannot open).
            installed.add(ctx.installBundle(jar.toUri().toString()));
        }
        for (Bundle b : installed) {
            if ("org.apache.felix.log".equals(b.getSymbolicName())) {
                b.start();   // first, so that SCR's and FileInstall's warnings reach the console
                FrameworkLog.toConsole(ctx);
            }
        }
        // FileInstall last: its first scan then finds ConfigAdmin and SCR running (an early scan could miss
        // the configuration installer and leave a conf/ file unapplied until it changes).
        installed.sort((a, b) -> Boolean.compare(isFileInstall(a), isFileInstall(b)));
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        return fw;
    }

    private static boolean isFileInstall(Bundle b) {
        return "org.apache.felix.fileinstall".equals(b.getSymbolicName());
    }

    private static void printBundles(BundleContext ctx) {
        System.out.println("  bundles:");
        for (Bundle b : ctx.getBundles()) {
            System.out.printf("    %3d %-9s %s %s%n", b.getBundleId(), state(b.getState()), b.getSymbolicName(), b.getVersion());
        }
    }

    static String state(int s) {
        return switch (s) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    private static void stop(Framework fw, EmbeddedBroker broker) {
        try {
            if (fw.getState() == Bundle.ACTIVE || fw.getState() == Bundle.STARTING) {
                fw.stop();
                fw.waitForStop(20_000);
            }
        } catch (Exception e) {
            System.err.println("mqttas gateway: stopping the framework failed: " + e);
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String version() {
        String v = Gateway.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** Prints "connected"/"disconnected" per client as it happens (the client's classes are inside the framework: reflection). */
    static final class ConnectionReporter {
        private final BundleContext ctx;
        private final Map<Long, Boolean> last = new TreeMap<>();
        private volatile boolean running = true;
        private Thread thread;

        ConnectionReporter(BundleContext ctx) {
            this.ctx = ctx;
        }

        void start() {
            thread = new Thread(this::watch, "mqttas-gateway-status");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
            if (thread != null) {
                thread.interrupt();
            }
        }

        private void watch() {
            while (running) {
                try {
                    ServiceReference<?>[] refs = ctx.getAllServiceReferences(CLIENT, null);
                    if (refs != null) {
                        for (ServiceReference<?> ref : refs) {
                            report(ref);
                        }
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // framework stopping or a client going away: look again next round
                }
            }
        }

        private void report(ServiceReference<?> ref) throws Exception {
            Object client = ctx.getService(ref);
            if (client == null) {
                return;
            }
            try {
                Method m = Class.forName(CLIENT, false, client.getClass().getClassLoader()).getMethod("isConnected");
                boolean up = (Boolean) m.invoke(client);
                Long id = (Long) ref.getProperty(Constants.SERVICE_ID);
                Boolean before = last.put(id, up);
                if (before == null ? up : before != up) {
                    System.out.println("mqttas: client " + ref.getProperty("client_id") + (up ? " connected to " : " disconnected from ")
                            + ref.getProperty("server"));
                    System.out.flush();
                }
            } finally {
                ctx.ungetService(ref);
            }
        }
    }
}
