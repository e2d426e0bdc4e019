/* Test support for issue 9 item 8: a separate JVM that uses an outbox until it is killed (kill -9) or told to stop. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * {@code java … OutboxChild append <dir>}: appends publications {@code crash/<i>} with
 * {@link #payload(int)} as fast as the journal takes them (at most 256 waiting), prints
 * {@code D <id> <i>} when one is durable and {@code R <id>} when the DONE of a removed one is (nine in
 * ten are removed once durable, so compaction runs all the time), until the parent kills it.
 * {@code hold <dir>}: opens the outbox, prints {@code LOCKED <pid>} and waits for stdin to close.
 */
public final class OutboxChild {
    private OutboxChild() {
    }

    /** Deterministic content of publication i: the parent checks every replayed byte against it. */
    static byte[] payload(int i) {
        byte[] p = new byte[(i * 7919) % 3000];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) (i * 31 + k);
        }
        return p;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        Outbox o = Outbox.open(dir, "crash", 1L << 30, MqttConfig.OutboxOverflow.REJECT);
        o.replay(e -> { });
        if (args[0].equals("hold")) {
            System.out.println("LOCKED " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin (or kill us)
            }
            o.close();
            return;
        }
        Semaphore window = new Semaphore(256);
        for (int i = 0; ; i++) {
            window.acquire();
            int n = i;
            Outbox.Append a = o.append("crash/" + i, payload(i), i % 2 == 0);
            a.durable().whenComplete((v, e) -> {
                window.release();
                if (e == null) {
                    say("D " + a.id() + " " + n);
                    if (n % 10 != 0) {
                        o.remove(a.id()).thenRun(() -> say("R " + a.id()));
                    }
                }
            });
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
