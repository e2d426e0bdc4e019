/*
 * TOOLCHAIN §3a, issue 10 item 5: a real OSGi framework started inside the test JVM — Felix, or Kura 5.5's
 * Equinox 3.16 stack — chosen by the system property it.stack (one failsafe execution per stack, each with
 * only its own framework jar on the class path). Bundles are installed from the jars maven-dependency-plugin
 * copied to target/it-bundles (never from the test class path). The system bundle exports the service APIs
 * the tests call (ConfigAdmin, MetaType, DeploymentAdmin), so the test and the bundles see the same classes;
 * our own API is reached by reflection for the same reason.
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/** One framework instance of the stack under test; {@link #close()} stops it (trackers stay open until then: TOOLCHAIN gotcha 1). */
final class OsgiRuntime implements AutoCloseable {
    static final Path BUNDLES = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    static final Path WORK = Path.of(System.getProperty("it.work", "target/it-work"));
    /** The stack under test: a name with a file stacks/&lt;name&gt;.properties and folders it-bundles/&lt;name&gt;/&lt;layer&gt;. */
    static final String STACK = System.getProperty("it.stack", "felix");

    /** A gateway: the stack's SCR/ConfigAdmin/metatype, the Kura API stand-in (+ Gson), jSerialComm, our bundles. */
    static final String[] GATEWAY = { "base", "kura-api", "libs", "mqttas" };
    /** What Kura has before any of our packages: the stack's base, its DeploymentAdmin, the Kura API stand-in. */
    static final String[] KURA_WITHOUT_US = { "base", "kura-api", "dpadmin" };

    private static final String SYSTEM_PACKAGES_EXTRA = String.join(",",
            "org.osgi.service.cm;version=1.6.0",
            "org.osgi.service.metatype;version=1.4.0",
            "org.osgi.service.deploymentadmin;version=1.1.0",
            "org.osgi.service.deploymentadmin.spi;version=1.0.1");

    private final Framework framework;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    private OsgiRuntime(Framework framework) {
        this.framework = framework;
    }

    /**
     * Starts the stack's framework with an empty cache (as Kura does at every boot: osgi.clean=true) in
     * target/it-work/&lt;name&gt;, then installs the jars of the given layers and starts them in order.
     * Starting again with the same name after {@link #close()} is a reboot: the old cache is wiped.
     */
    static OsgiRuntime start(String name, String... layers) throws Exception {
        Map<String, String> cfg = new HashMap<>();
        cfg.put(Constants.FRAMEWORK_STORAGE, WORK.resolve(name).toAbsolutePath().toString());
        cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        cfg.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES_EXTRA);
        cfg.put("org.slf4j.simpleLogger.defaultLogLevel", "info");
        stack().forEach((k, v) -> {
            if (k.startsWith("framework.")) {
                cfg.put(k.substring("framework.".length()), v);
            }
        });
        Framework fw = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(cfg);
        fw.init();
        fw.start();
        OsgiRuntime rt = new OsgiRuntime(fw);
        try {
            rt.assertExpected("framework", List.of(fw));
            rt.installAndStart(layers);
        } catch (Exception | AssertionError e) {
            rt.close();
            throw e;
        }
        return rt;
    }

    /** The stack's description file, key → value. */
    static Map<String, String> stack() {
        Properties p = new Properties();
        try (InputStream in = OsgiRuntime.class.getResourceAsStream("/stacks/" + STACK + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("no stacks/" + STACK + ".properties on the test class path (it.stack=" + STACK + ")");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** The folder of a layer: the stack's own (it-bundles/&lt;stack&gt;/&lt;layer&gt;) or a shared one (it-bundles/&lt;layer&gt;). */
    static Path layer(String layer) {
        Path own = BUNDLES.resolve(STACK).resolve(layer);
        Path shared = BUNDLES.resolve(layer);
        if (Files.isDirectory(own)) {
            return own;
        }
        if (Files.isDirectory(shared)) {
            return shared;
        }
        throw new IllegalStateException("layer '" + layer + "' is neither " + own + " nor " + shared);
    }

    private void installAndStart(String... layers) throws Exception {
        List<Bundle> installed = new ArrayList<>();
        for (String layer : layers) {
            List<Bundle> these = new ArrayList<>();
            for (Path jar : jars(layer(layer))) {
                these.add(context().installBundle(jar.toUri().toString()));
            }
            assertExpected(layer, these);
            installed.addAll(these);
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    /** Asserts the bundles the stack file expects in this layer (expect.&lt;layer&gt;.&lt;bsn&gt;=&lt;version&gt;) are those installed. */
    private static void assertExpected(String layer, List<Bundle> bundles) {
        Map<String, String> want = new TreeMap<>();
        Map<String, String> got = new TreeMap<>();
        String prefix = "expect." + layer + ".";
        stack().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                String bsn = k.substring(prefix.length());
                want.put(bsn, v);
                bundles.stream().filter(b -> bsn.equals(b.getSymbolicName())).findFirst()
                        .ifPresent(b -> got.put(bsn, withoutQualifier(b.getVersion())));
            }
        });
        assertEquals(want, got, "stack " + STACK + ", layer " + layer);
    }

    static String withoutQualifier(Version v) {
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    Bundle bundle(String symbolicName) {
        return Arrays.stream(context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("bundle " + symbolicName + " is not installed"));
    }

    List<Bundle> bundles() {
        return Arrays.asList(context().getBundles());
    }

    /** The bundles that are not ACTIVE (fragments: not RESOLVED), as "bsn version STATE". */
    List<String> notActive() {
        List<String> bad = new ArrayList<>();
        for (Bundle b : context().getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int want = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != want) {
                bad.add(b.getSymbolicName() + " " + b.getVersion() + " " + stateName(b.getState()));
            }
        }
        return bad;
    }

    /** Asserts every bundle is ACTIVE (fragments RESOLVED), naming the ones that are not. */
    void assertAllActive() {
        assertEquals(List.of(), notActive(), "bundles not active on stack " + STACK);
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }

    /** A service by class (class shared through the system bundle), waiting up to {@code millis}. */
    <T> T service(Class<T> type, long millis) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context(), type, null);
        t.open();
        trackers.add(t);
        return t.waitForService(millis);
    }

    /** A service by interface name and optional extra filter, as a plain object (our API is not on the class path). */
    Object service(String objectClass, String filter, long millis) throws InterruptedException, InvalidSyntaxException {
        String f = "(&(" + Constants.OBJECTCLASS + "=" + objectClass + ")" + (filter == null ? "" : filter) + ")";
        Filter flt = FrameworkUtil.createFilter(f);
        ServiceTracker<Object, Object> t = new ServiceTracker<>(context(), flt, null);
        t.open(true);
        trackers.add(t);
        return t.waitForService(millis);
    }

    /** Whether a service matching the filter is registered right now. */
    boolean hasService(String objectClass, String filter) throws InvalidSyntaxException {
        return context().getAllServiceReferences(objectClass, filter) != null;
    }

    /** Calls a public method by name on a bundle-provided object (its class is not on our class path). */
    static Object call(Object target, String method, Object... args) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                for (Method m : i.getMethods()) {
                    if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                        return m.invoke(target, args);
                    }
                }
            }
        }
        Method m = Arrays.stream(target.getClass().getMethods())
                .filter(x -> x.getName().equals(method) && x.getParameterCount() == args.length).findFirst()
                .orElseThrow(() -> new NoSuchMethodException(method));
        m.setAccessible(true);
        return m.invoke(target, args);
    }

    /** Refreshes packages of the given bundles and waits (bounded) for it to finish. */
    void refresh(Bundle... bundles) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(Arrays.asList(bundles), e -> done.countDown());
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("package refresh of " + Arrays.toString(bundles) + " did not finish within 30 s");
        }
    }

    Bundle install(String location, InputStream in) throws BundleException {
        return context().installBundle(location, in);
    }

    @Override
    public void close() throws Exception {
        for (ServiceTracker<?, ?> t : trackers) {
            t.close();
        }
        framework.stop();
        framework.waitForStop(20_000);
    }
}
