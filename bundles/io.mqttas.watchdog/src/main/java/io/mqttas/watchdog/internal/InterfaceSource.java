/* spec/mqtt_as.md §18.1: where interface states come from (the JVM, Kura, or a test). */
package io.mqttas.watchdog.internal;

import java.util.List;

/** Reports the non-loopback interfaces of the host. Called from the watchdog's poll thread. */
@FunctionalInterface
public interface InterfaceSource {
    List<InterfaceState> interfaces() throws Exception;

    /** Short name for logs ("jvm", "kura"). */
    default String name() {
        return getClass().getSimpleName();
    }
}
