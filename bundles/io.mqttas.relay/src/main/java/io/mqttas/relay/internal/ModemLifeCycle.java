/*
 * docs/relay-modem.md "What the host does": the dispatching thread of the modem transport. It
 * hands node frames to the gateway in order, and drives the modem's life cycle between frames:
 *  - after the port opens, it asks INFO every 500 ms until a HELLO arrives (event or answer): the
 *    board resets when its port opens and needs 1–2 s to boot. Silent for 5 s → reported; silent for
 *    20 s → the port is closed and opened again (which resets most boards);
 *  - a HELLO with a new boot id means the modem (re)booted: channel and peers are restored before
 *    the next node frame is handled;
 *  - while ready, a modem quiet for 5 s is asked INFO as a heartbeat; 3 unanswered in a row → the
 *    port is reopened.
 */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rx thread's loop. */
final class ModemLifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(ModemLifeCycle.class);
    private static final Duration TICK = Duration.ofMillis(50);

    private final ModemTransport modem;
    private final Duration timeout;
    private final ModemTimings t;
    private ModemConnection current;
    private long connectedAt;
    private long nextInfo;
    private int misses;

    ModemLifeCycle(ModemTransport modem, Duration timeout, ModemTimings timings) {
        this.modem = modem;
        this.timeout = timeout;
        this.t = timings;
    }

    void run() {
        while (!modem.isClosed()) {
            try {
                ModemEvents.Event e = modem.events().poll(TICK);
                if (e != null) {
                    handle(e);
                }
                tick();
            } catch (InterruptedException e) {
                if (modem.isClosed()) {
                    return;
                }
            } catch (RuntimeException e) { // the dispatcher must never die
                LOG.error("relay modem: event not handled", e);
            }
        }
    }

    private void handle(ModemEvents.Event e) {
        if (e instanceof ModemEvents.Frame f) {
            modem.deliver(f.from(), f.data());
        } else if (e instanceof ModemEvents.Hello h) {
            modem.hello(h.hello(), h.connection(), false);
        } else if (e instanceof ModemEvents.Channel ch) {
            modem.channelChanged(ch.channel());
        } else if (e instanceof ModemEvents.Log log) {
            modem.modemLog(log.level(), log.text());
        } else if (e instanceof ModemEvents.Connected c) {
            current = c.connection();
            connectedAt = System.currentTimeMillis();
            nextInfo = connectedAt;
            misses = 0;
        }
    }

    private void tick() {
        ModemConnection c = modem.connection();
        if (c == null || c != current || c.failed()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!modem.isReady()) {
            if (now < nextInfo) {
                return;
            }
            nextInfo = now + t.infoEvery();
            if (info(c)) {
                return;
            }
            long silentFor = System.currentTimeMillis() - connectedAt;
            if (silentFor > t.silentReopen()) {
                modem.abandon(c, "no HELLO from the modem within " + t.silentReopen() + " ms");
            } else if (silentFor > t.silentReport()) {
                modem.silent("ESP-NOW modem on " + modem.portName() + " silent: no HELLO within "
                        + t.silentReport() + " ms of opening the port (is the firmware installed, is"
                        + " serial_baud the modem's rate?); still asking");
            }
        } else if (now - modem.lastFromModem() > t.heartbeat() && now >= nextInfo) {
            nextInfo = now + t.infoEvery();
            if (info(c)) {
                misses = 0;
            } else if (++misses >= t.misses()) {
                misses = 0;
                modem.abandon(c, "the modem did not answer " + t.misses() + " heartbeats");
            }
        }
    }

    /** Asks INFO; true if it answered with a valid HELLO (which is then applied). */
    private boolean info(ModemConnection c) {
        try {
            ModemConnection.Result r = c.request(ModemFrame.INFO, new byte[0], timeout);
            if (r.status() != ModemFrame.OK) {
                return false;
            }
            modem.hello(ModemHello.parse(r.value()), c, true);
            return true;
        } catch (IOException e) {
            return false;
        } catch (MalformedModemFrameException e) {
            modem.silent("ESP-NOW modem on " + modem.portName() + ": " + e.getMessage());
            return false;
        }
    }
}
