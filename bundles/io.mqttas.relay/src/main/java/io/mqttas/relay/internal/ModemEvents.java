/*
 * docs/relay-modem.md: what the modem's reader hands to the dispatching thread, in arrival order.
 * Bounded: at most 256 node frames wait (more are dropped and counted: a flood costs frames, not
 * memory) and at most 64 control events (HELLO, CHANNEL, LOG, port opened), which a sane modem
 * sends a handful of times.
 */
package io.mqttas.relay.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The bounded event queue between the modem reader and the dispatcher. Thread-safe. */
final class ModemEvents {
    static final int MAX_FRAMES = 256;
    static final int MAX_CONTROL = 64;

    sealed interface Event {
    }

    record Frame(NodeId from, byte[] data) implements Event {
    }

    record Hello(ModemHello hello, ModemConnection connection) implements Event {
    }

    record Channel(int channel) implements Event {
    }

    record Log(int level, String text) implements Event {
    }

    record Connected(ModemConnection connection) implements Event {
    }

    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicInteger control = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    void offerFrame(Frame f) {
        if (frames.incrementAndGet() > MAX_FRAMES) {
            frames.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(f);
    }

    void offerControl(Event e) {
        if (control.incrementAndGet() > MAX_CONTROL) {
            control.decrementAndGet();
            return; // a modem repeating itself this much has nothing new to say
        }
        queue.add(e);
    }

    /** The next event, or null after {@code wait}. */
    Event poll(Duration wait) throws InterruptedException {
        Event e = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (e instanceof Frame) {
            frames.decrementAndGet();
        } else if (e != null) {
            control.decrementAndGet();
        }
        return e;
    }

    long dropped() {
        return dropped.get();
    }
}
