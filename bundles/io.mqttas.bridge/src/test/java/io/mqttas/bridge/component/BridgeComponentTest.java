/* Issue 5 item 6: the DS component's life cycle and bridge:status, without a framework (DS wiring is at the edge). */
package io.mqttas.bridge.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class BridgeComponentTest {

    /** A BridgeConfig with the metatype defaults, some of them overridden (as DS would build it). */
    static BridgeConfig config(Map<String, Object> overrides) {
        return (BridgeConfig) Proxy.newProxyInstance(BridgeConfig.class.getClassLoader(),
                new Class<?>[] {BridgeConfig.class}, (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    return method.getDefaultValue();
                });
    }

    @Test
    void serialBridgeStartsReportsAndStopsWithoutLeaks() throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
        BridgeComponent c = new BridgeComponent();
        c.activate(config(Map.of("name", "uart 1", "transport", "serial", "serial__device", "/dev/does-not-exist")),
                null);
        BridgeStatusCommand cmd = new BridgeStatusCommand();
        cmd.addBridge(c);
        try {
            assertEquals("uart_1", c.name(), "name made safe for thread names");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!c.status().lastError().contains("cannot open") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String text = cmd.status();
            assertTrue(text.startsWith("uart_1: stream /dev/does-not-exist@115200"), text);
            assertTrue(text.contains("session=AWAIT_CONFIG"), text);
            assertTrue(text.contains("last error: cannot open /dev/does-not-exist"), text);
            assertEquals("no bridge named x", cmd.status("x"));
            c.modified(config(Map.of("name", "uart 1", "transport", "serial", "serial__device", "/dev/nope2")));
            assertTrue(cmd.status("uart_1").contains("/dev/nope2"));
        } finally {
            c.deactivate();
        }
        assertTrue(c.status().linkState().equals("STOPPED"));
        cmd.removeBridge(c);
        assertTrue(cmd.status().startsWith("no bridge configured"));
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    // Issue 10 item 3: activation never fails (Kura's web UI waits for the component); the bridge is IDLE and says why.
    @Test
    void gpioWithoutKuraLeavesTheBridgeIdleWithAClearMessage() {
        BridgeComponent c = new BridgeComponent();
        org.osgi.framework.BundleContext none = (org.osgi.framework.BundleContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.osgi.framework.BundleContext.class},
                (proxy, method, args) -> null);
        c.activate(config(Map.of()), none);
        try {
            assertEquals("IDLE", c.status().linkState());
            assertTrue(c.status().lastError().contains("org.eclipse.kura.gpio.GPIOService"), c.status().lastError());
            BridgeStatusCommand cmd = new BridgeStatusCommand();
            cmd.addBridge(c);
            assertTrue(cmd.status().contains("IDLE"), cmd.status());
        } finally {
            c.deactivate();
        }
    }
}
