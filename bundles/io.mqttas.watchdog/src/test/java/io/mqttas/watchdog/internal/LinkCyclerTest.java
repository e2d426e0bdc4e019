/* spec/mqtt_as.md §10.2: link cycling is off by default, runs down, waits, runs up, and every command is bounded. */
package io.mqttas.watchdog.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkCyclerTest {
    @TempDir
    Path dir;

    private WatchdogSettings settings(String iface, boolean cycle, String down, String up, Duration timeout) {
        WatchdogSettings d = WatchdogSettings.defaults();
        return new WatchdogSettings(iface, "", false, d.pollInterval(), d.stable(), cycle, down, up,
                Duration.ofMillis(100), timeout, d.wanDnsServer(), d.wanDnsPort(), d.wanDnsName(), d.wanTimeout());
    }

    @Test
    void offByDefault() throws Exception {
        assertFalse(WatchdogSettings.defaults().cycleLink());
        WatchdogSettings s = settings("eth9", false, "touch " + dir + "/down-{interface}", "touch " + dir + "/up", Duration.ofSeconds(10));
        assertFalse(LinkCycler.cycle(s));
        assertFalse(Files.exists(dir.resolve("down-eth9")));
    }

    @Test
    void runsDownThenUpWithTheInterfaceName() throws Exception {
        WatchdogSettings s = settings("eth9", true, "touch " + dir + "/down-{interface}", "touch " + dir + "/up-{interface}",
                Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        assertTrue(LinkCycler.cycle(s));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 90, "the down time is waited");
        assertTrue(Files.exists(dir.resolve("down-eth9")));
        assertTrue(Files.exists(dir.resolve("up-eth9")));
        assertTrue(Files.getLastModifiedTime(dir.resolve("down-eth9")).compareTo(Files.getLastModifiedTime(dir.resolve("up-eth9"))) <= 0);
    }

    @Test
    void needsANamedInterface() throws Exception {
        WatchdogSettings s = settings("", true, "touch " + dir + "/down", "touch " + dir + "/up", Duration.ofSeconds(10));
        assertFalse(LinkCycler.cycle(s));
        assertFalse(Files.exists(dir.resolve("down")));
    }

    @Test
    void aFailingOrMissingCommandIsReportedNotThrown() throws Exception {
        assertFalse(LinkCycler.cycle(settings("eth9", true, "false", "true", Duration.ofSeconds(10))));
        assertFalse(LinkCycler.cycle(settings("eth9", true, "/no/such/command", "true", Duration.ofSeconds(10))));
    }

    @Test
    void aHangingCommandIsKilledAtItsDeadline() throws Exception {
        long t0 = System.nanoTime();
        assertFalse(LinkCycler.cycle(settings("eth9", true, "sleep 30", "true", Duration.ofMillis(300))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 10_000, "took " + ms + " ms");
    }
}
