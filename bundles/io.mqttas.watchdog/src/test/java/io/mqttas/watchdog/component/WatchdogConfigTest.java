/* The metatype of io.mqttas.watchdog against the code and the docs: same defaults, every key documented. */
package io.mqttas.watchdog.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.mqttas.watchdog.internal.WatchdogSettings;

class WatchdogConfigTest {

    static String key(Method m) {
        return m.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    /** The annotation with every method answering its default, as DS does for an empty configuration. */
    static WatchdogConfig defaults() {
        return (WatchdogConfig) Proxy.newProxyInstance(WatchdogConfig.class.getClassLoader(), new Class<?>[] { WatchdogConfig.class },
                (proxy, method, args) -> method.getDefaultValue());
    }

    @Test
    void metatypeDefaultsAreTheCodesDefaults() {
        assertEquals(WatchdogSettings.defaults(), NetworkLinkComponent.settings(defaults()));
    }

    @Test
    void docsListEveryKey() throws Exception {
        String docs = Files.readString(Path.of("../../docs/watchdog.md"));
        for (Method m : WatchdogConfig.class.getDeclaredMethods()) {
            assertTrue(docs.contains("`" + key(m) + "`"), "docs/watchdog.md does not list key " + key(m));
        }
    }
}
