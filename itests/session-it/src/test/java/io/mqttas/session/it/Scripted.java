/* Test helper: steps on the test kit's scripted broker that the byte-exact defect tests share. */
package io.mqttas.session.it;

import io.mqttas.testkit.FakeBroker;
import io.mqttas.testkit.MqttFrame;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.fail;

final class Scripted {
    private Scripted() {
    }

    /**
     * Reads whatever the client sends (PINGREQs, PUBACKs…) until it closes the connection; fails if it
     * has not closed within {@code deadline}. Returns how long that took in ms.
     */
    static long awaitClose(FakeBroker.Connection c, Duration deadline) {
        long t0 = System.nanoTime();
        long end = t0 + deadline.toNanos();
        while (System.nanoTime() < end) {
            try {
                MqttFrame f = c.nextPacket(Duration.ofMillis(100));
                if (f == null) {
                    continue;
                }
            } catch (AssertionError e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("closed the connection") || m.contains("reset") || m.contains("Socket closed")) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
                if (!m.contains(" within ") && !m.contains("deadline")) {
                    throw e;
                }
            }
        }
        fail("connection #" + c.number() + ": the client did not close it within " + deadline);
        return -1;
    }

    /** Whether the client is still reading frames from it after {@code window} (no close seen). */
    static boolean staysOpen(FakeBroker.Connection c, Duration window) {
        try {
            awaitClose(c, window);
            return false;
        } catch (AssertionError e) {
            return String.valueOf(e.getMessage()).contains("did not close");
        }
    }
}
