/* spec/mqtt_as.md §8.2, §10.1, §18.1: transitions exactly once, interface selection, stability check, threads. */
package io.mqttas.watchdog.internal;

import static io.mqttas.watchdog.internal.FakeInterfaces.down;
import static io.mqttas.watchdog.internal.FakeInterfaces.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LinkWatchTest {
    private final FakeInterfaces source = new FakeInterfaces();

    private static WatchdogSettings fast() {
        WatchdogSettings d = WatchdogSettings.defaults();
        return new WatchdogSettings("", "", true, Duration.ofMillis(20), Duration.ofMillis(300), false,
                d.cycleDownCommand(), d.cycleUpCommand(), d.cycleDownTime(), d.commandTimeout(), "127.0.0.1", 53,
                "example.org", Duration.ofMillis(200));
    }

    private static WatchdogSettings fastWith(String iface, String ssid) {
        WatchdogSettings f = fast();
        return new WatchdogSettings(iface, ssid, true, f.pollInterval(), f.stable(), false, f.cycleDownCommand(),
                f.cycleUpCommand(), f.cycleDownTime(), f.commandTimeout(), f.wanDnsServer(), f.wanDnsPort(),
                f.wanDnsName(), f.wanTimeout());
    }

    @Test
    void listenersAreToldExactlyOncePerTransition() {
        LinkWatch w = new LinkWatch(fast(), source);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        w.addListener(seen::add);
        source.set(down("eth0"));
        w.poll();
        w.poll();
        assertEquals(List.of(), seen, "no transition yet: down → down");
        source.set(up("eth0"));
        for (int i = 0; i < 5; i++) {
            w.poll();
        }
        source.set(down("eth0"));
        for (int i = 0; i < 5; i++) {
            w.poll();
        }
        source.set(up("eth0"), up("wlan0"));
        w.poll();
        source.set(up("wlan0"));   // still up through another interface: not a transition
        w.poll();
        assertEquals(List.of(true, false, true), seen);
        assertEquals(3, w.transitions());
        assertTrue(w.isUp());
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        LinkWatch w = new LinkWatch(fast(), source);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        w.addListener(up -> {
            throw new IllegalStateException("listener bug (test)");
        });
        w.addListener(seen::add);
        source.set(up("eth0"));
        w.poll();
        assertEquals(List.of(true), seen);
    }

    @Test
    void aFailingSourceKeepsTheLastState() {
        LinkWatch w = new LinkWatch(fast(), source);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        w.addListener(seen::add);
        source.set(up("eth0"));
        w.poll();
        source.failing = true;
        w.poll();
        w.poll();
        assertTrue(w.isUp());
        source.failing = false;
        source.set(down("eth0"));
        w.poll();
        assertEquals(List.of(true, false), seen);
    }

    @Test
    void aNamedInterfaceIsTheOnlyOneThatCounts() {
        LinkWatch w = new LinkWatch(fastWith("wlan0", ""), source);
        source.set(up("eth0"), down("wlan0"));
        w.poll();
        assertFalse(w.isUp());
        source.set(down("eth0"), up("wlan0"));
        w.poll();
        assertTrue(w.isUp());
    }

    @Test
    void anSsidRestrictsAnyToWlanInterfaces() {
        LinkWatch w = new LinkWatch(fastWith("", "MySSID"), source);
        source.set(up("eth0"), down("wlp2s0"));
        w.poll();
        assertFalse(w.isUp(), "ethernet up does not count when an ssid is configured");
        source.set(up("wlp2s0"));
        w.poll();
        assertTrue(w.isUp());
    }

    @Test
    void reconfigureKeepsListenersAndAppliesTheNewSelection() {
        LinkWatch w = new LinkWatch(fast(), source);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        w.addListener(seen::add);
        source.set(up("eth0"), down("eth1"));
        w.poll();
        w.reconfigure(fastWith("eth1", ""));
        w.poll();
        assertEquals(List.of(true, false), seen);
    }

    @Test
    void stabilityCheckWaitsForTheLinkToStayUp() throws Exception {
        source.set(up("eth0"));
        LinkWatch w = new LinkWatch(fast(), source);
        w.start();
        try {
            long t0 = System.nanoTime();
            assertTrue(w.awaitStable(Duration.ofSeconds(10)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 250, "returned after " + ms + " ms, before the 300 ms stability period");
            // already stable: answers at once
            t0 = System.nanoTime();
            assertTrue(w.awaitStable(Duration.ofSeconds(10)));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 250);
        } finally {
            w.close();
        }
    }

    @Test
    void aDropDuringTheStabilityCheckRestartsIt() throws Exception {
        source.set(up("eth0"));
        LinkWatch w = new LinkWatch(fast(), source);
        w.start();
        ScheduledExecutorService flapper = Executors.newSingleThreadScheduledExecutor();
        try {
            long t0 = System.nanoTime();
            flapper.schedule(() -> source.set(down("eth0")), 150, TimeUnit.MILLISECONDS);
            flapper.schedule(() -> source.set(up("eth0")), 400, TimeUnit.MILLISECONDS);
            assertTrue(w.awaitStable(Duration.ofSeconds(10)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 400 + 250, "stable only 300 ms after the link came back at 400 ms, returned at " + ms);
            assertEquals(2, w.transitions());
        } finally {
            flapper.shutdownNow();
            w.close();
        }
    }

    @Test
    void stabilityCheckGivesUpAtItsDeadline() throws Exception {
        source.set(down("eth0"));
        LinkWatch w = new LinkWatch(fast(), source);
        w.start();
        try {
            long t0 = System.nanoTime();
            assertFalse(w.awaitStable(Duration.ofMillis(300)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 250 && ms < 5000, "gave up after " + ms + " ms");
        } finally {
            w.close();
        }
    }

    @Test
    void pollingNotifiesFromItsOwnThreadAndCloseStopsIt() throws Exception {
        source.set(down("eth0"));
        LinkWatch w = new LinkWatch(fast(), source);
        List<String> threads = new CopyOnWriteArrayList<>();
        w.addListener(up -> threads.add(Thread.currentThread().getName()));
        w.start();
        source.set(up("eth0"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (threads.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("mqttas-watchdog"), threads);
        w.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("mqttas-watchdog") && t.isAlive()), "watchdog thread still alive after close");
        int calls = source.calls.get();
        Thread.sleep(100);
        assertEquals(calls, source.calls.get(), "no polls after close");
    }

    @Test
    void theJvmSourceNeverReportsLoopback() throws Exception {
        for (InterfaceState s : new JvmInterfaces().interfaces()) {
            assertFalse(s.name().equals("lo"), "loopback reported: " + s);
        }
    }
}
