/* Test double for InterfaceSource: the test sets the interfaces the "OS" reports. */
package io.mqttas.watchdog.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

final class FakeInterfaces implements InterfaceSource {
    volatile List<InterfaceState> states = List.of();
    volatile boolean failing;
    final AtomicInteger calls = new AtomicInteger();

    void set(InterfaceState... s) {
        states = List.of(s);
    }

    static InterfaceState up(String name) {
        return new InterfaceState(name, true, name.startsWith("wl"));
    }

    static InterfaceState down(String name) {
        return new InterfaceState(name, false, name.startsWith("wl"));
    }

    @Override
    public List<InterfaceState> interfaces() throws Exception {
        calls.incrementAndGet();
        if (failing) {
            throw new java.io.IOException("source unavailable (test)");
        }
        return states;
    }

    @Override
    public String name() {
        return "fake";
    }
}
