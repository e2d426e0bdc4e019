/*
 * spec/mqtt_as.md §10.2, §18.1: the original takes WiFi down on every outage (and waits 1 s) so that
 * every hop notices and recovery starts from the same state. On a gateway the OS owns the network,
 * so this is off by default; when enabled it runs the configured OS commands.
 */
package io.mqttas.watchdog.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs "down", waits the down time, runs "up"; every step bounded by the command timeout. */
final class LinkCycler {
    private static final Logger LOG = LoggerFactory.getLogger(LinkCycler.class);

    private LinkCycler() {
    }

    /** True if both commands ran and exited with status 0. */
    static boolean cycle(WatchdogSettings s) throws InterruptedException {
        if (!s.cycleLink()) {
            return false;
        }
        if (s.interfaceName().isEmpty()) {
            LOG.warn("cycle_link is on but interface_name is empty: cycling needs a named interface; not cycling");
            return false;
        }
        LOG.info("cycling link {}: down, wait {} ms, up", s.interfaceName(), s.cycleDownTime().toMillis());
        boolean down = run(s.command(s.cycleDownCommand(), s.interfaceName()), s);
        Thread.sleep(s.cycleDownTime().toMillis());
        boolean up = run(s.command(s.cycleUpCommand(), s.interfaceName()), s);
        return down && up;
    }

    private static boolean run(List<String> command, WatchdogSettings s) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.warn("link cycling: cannot run {}: {}", command, e.getMessage());
            return false;
        }
        try {
            if (!p.waitFor(s.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("link cycling: {} did not finish within {} ms; killed", command, s.commandTimeout().toMillis());
                p.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        if (p.exitValue() != 0) {
            LOG.warn("link cycling: {} exited with status {}", command, p.exitValue());
            return false;
        }
        return true;
    }
}
