/* Issue 12 items 4–7: a BridgeConfig turned into the link and protocol options, every key checked. */
package io.mqttas.bridge.component;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import io.mqttas.bridge.Pins;
import io.mqttas.bridge.internal.BridgeProtocol;
import io.mqttas.bridge.internal.Link;
import io.mqttas.bridge.internal.SerialPortOpener;
import io.mqttas.bridge.internal.SntpTime;
import io.mqttas.bridge.internal.StreamLink;
import io.mqttas.bridge.internal.SynComLink;
import io.mqttas.bridge.internal.TimeSource;

/**
 * Builds what {@link BridgeComponent} runs. Values outside a key's range fail the activation with a
 * message naming the key, the value and the range (ConfigAdmin does not check metatype bounds).
 */
final class BridgeSetup {
    /** Supplies the GPIO pins (only called for transport=gpio). */
    interface GpioPins {
        Pins open() throws IOException;
    }

    private BridgeSetup() {
    }

    static Link link(BridgeConfig c, String name, GpioPins gpio) throws IOException {
        int maxLength = range("max_message_length", c.max__message__length(), 64, 1_048_576);
        int txQueue = range("tx_queue_len", c.tx__queue__len(), 1, 100_000);
        if ("serial".equals(c.transport())) {
            range("serial_baud", c.serial__baud(), 300, 4_000_000);
            StreamLink.Liveness liveness = new StreamLink.Liveness(
                    range("serial_heartbeat_ms", c.serial__heartbeat__ms(), 0, 60_000),
                    1000L * range("serial_idle_timeout_s", c.serial__idle__timeout__s(), 0, 3600), 1000,
                    1000L * range("serial_reopen_max_s", c.serial__reopen__max__s(), 1, 3600));
            return new StreamLink(name, new SerialPortOpener(c.serial__device(), c.serial__baud()), maxLength, txQueue,
                    liveness);
        }
        if (!"gpio".equals(c.transport())) {
            throw new IllegalArgumentException("transport = '" + c.transport() + "': must be gpio or serial");
        }
        int stall = range("link_timeout_ms", c.link__timeout__ms(), 0, 600_000);
        int idleWait = range("idle_wait_us", c.idle__wait__us(), 1, 100_000);
        int idleMax = range("idle_max_wait_ms", c.idle__max__wait__ms(), 0, (int) SynComLink.MAX_IDLE_WAIT_MILLIS);
        return new SynComLink(name, gpio.open(), maxLength, txQueue, stall, idleWait, idleMax);
    }

    static BridgeProtocol.Options options(BridgeConfig c, String name, String clientId) {
        Clock clock = Clock.systemUTC();
        String ntp = c.ntp__host() == null ? "" : c.ntp__host().strip();
        TimeSource time = ntp.isEmpty() ? TimeSource.system(clock)
                : new SntpTime(name, ntp, Duration.ofMillis(range("ntp_timeout_ms", c.ntp__timeout__ms(), 100, 10_000)));
        return new BridgeProtocol.Options(clientId, c.max__message__length(),
                range("rx_queue_len", c.rx__queue__len(), 1, 100_000),
                Duration.ofSeconds(range("connect_timeout_s", c.connect__timeout__s(), 1, 3600)), clock,
                Duration.ofSeconds(1), Duration.ofSeconds(range("reject_backoff_max_s", c.reject__backoff__max__s(), 1,
                        3600)), time);
    }

    static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " = " + value + ": must be " + min + ".." + max);
        }
        return value;
    }
}
