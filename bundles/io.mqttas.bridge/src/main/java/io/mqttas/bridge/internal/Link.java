/* The seam between a transport (SynCom pins, byte stream) and the application protocol. */
package io.mqttas.bridge.internal;

/** A link to one host: delivers complete records and restart notices, sends records. */
public interface Link extends AutoCloseable {

    /** What the link tells the protocol. Called on the link's own threads: must not block. */
    interface Events {
        /** A complete record from the host. */
        void onRecord(String record);

        /**
         * A record from the host was discarded (too long, or a byte the link cannot carry);
         * {@code command} is its first field. The protocol answers it if the host waits for an answer.
         */
        default void onDropped(String command, String reason) {
        }

        /** The link restarted (reset pulse, stall, stream re-opened, host silent): the host starts a new session. */
        void onRestart(String reason);
    }

    /** Starts the link's thread(s). */
    void start(Events events);

    /** Queues a record for the host; false if refused (queue full). Never blocks. */
    boolean send(String record, boolean droppable);

    /** Discards what is queued for the host (it restarted without the link noticing: a stream host's new w/init). */
    default void discardQueued() {
    }

    /** e.g. {@code syncom} or {@code stream /dev/ttyUSB0}. */
    String describe();

    /** The link's state for status displays. */
    String state();

    LinkCounters counters();

    /** Stops the link's threads (joined with a deadline) and releases pins or streams. Idempotent. */
    @Override
    void close();
}
