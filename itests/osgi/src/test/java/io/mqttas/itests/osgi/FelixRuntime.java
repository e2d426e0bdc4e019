/*
 * TOOLCHAIN §3a: a real Apache Felix started inside the test JVM, with bundles installed from the jars
 * maven-dependency-plugin copied to target/it-bundles (never from the test class path). The system
 * bundle exports the service APIs the tests call (ConfigAdmin, MetaType, DeploymentAdmin), so the
 * test and the bundles see the same classes; our own API is reached by reflection for the same reason.
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/** One framework instance; {@link #close()} stops it (trackers stay open until then: TOOLCHAIN gotcha 1). */
final class FelixRuntime implements AutoCloseable {
    static final Path BUNDLES = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    static final Path WORK = Path.of(System.getProperty("it.work", "target/it-work"));

    private static final String SYSTEM_PACKAGES_EXTRA = String.join(",",
            "org.osgi.service.cm;version=1.6.0",
            "org.osgi.service.metatype;version=1.4.0",
            "org.osgi.service.deploymentadmin;version=1.1.0",
            "org.osgi.service.deploymentadmin.spi;version=1.0.1");

    private final Framework framework;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    private FelixRuntime(Framework framework) {
        this.framework = framework;
    }

    /** Starts Felix with the jars of the given folders under target/it-bundles, installed then started in order. */
    static FelixRuntime start(String name, String... folders) throws Exception {
        Map<String, String> cfg = new HashMap<>();
        cfg.put(Constants.FRAMEWORK_STORAGE, WORK.resolve("felix-" + name).toString());
        cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        cfg.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES_EXTRA);
        cfg.put("org.slf4j.simpleLogger.defaultLogLevel", "info");
        Framework fw = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(cfg);
        fw.init();
        fw.start();
        FelixRuntime rt = new FelixRuntime(fw);
        List<Bundle> installed = new ArrayList<>();
        for (String folder : folders) {
            for (Path jar : jars(BUNDLES.resolve(folder))) {
                installed.add(rt.context().installBundle(jar.toUri().toString()));
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        return rt;
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

    /** Asserts every bundle is ACTIVE (fragments RESOLVED), naming the ones that are not. */
    void assertAllActive() {
        List<String> bad = new ArrayList<>();
        for (Bundle b : context().getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int want = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != want) {
                bad.add(b.getSymbolicName() + " " + b.getVersion() + " state " + b.getState());
            }
        }
        assertEquals(List.of(), bad, "bundles not active");
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
        String f = filter == null ? null : filter;
        return context().getAllServiceReferences(objectClass, f) != null;
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
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(Arrays.asList(bundles), e -> done.countDown());
        done.await(30, java.util.concurrent.TimeUnit.SECONDS);
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
