/* spec/mqtt_as.md §5.3, bug B14: a true bounded drop-oldest queue. */
package io.mqttas.session;

import java.time.Duration;

/**
 * The event interface's message queue: holds at most {@link #capacity()} messages; when full, a new
 * message drops the oldest and {@link #discards()} counts it (only real drops are counted). Several
 * consumers may take from it; each message goes to one of them. Iterating takes messages.
 */
public interface MessageQueue extends Iterable<Message> {
    /** Waits for the next message. */
    Message take() throws InterruptedException;

    /** The next message, or {@code null} after {@code timeout}. */
    Message poll(Duration timeout) throws InterruptedException;

    int size();

    int capacity();

    /** Messages dropped because the queue was full. */
    long discards();
}
