/* spec/mqtt_as.md §11 and issue 9 items 6, 9, 11: one publish, subscribe or unsubscribe that waits through outages until acknowledged. */
package io.mqttas.session.internal;

/**
 * A caller's operation. It lives until acknowledged (or closed, timed out, rejected, given up). Its
 * packet is encoded once, at submission ({@link #frame}); sending patches the packet id and the DUP
 * flag in place ({@link Frames}), so the payload is copied once on the way out and held once.
 *
 * <p>States: {@code QUEUED} (waiting for a connection, a window slot or a packet id; the outbox's
 * fsync is not waited for: {@link OutboxLink}), {@code WRITING} (handed to the connection's writer), {@code AWAITING_ACK} (last byte handed
 * to the socket; the acknowledgement deadline runs), {@code DONE}. A QoS 2 flow (issue 13) adds
 * states here ({@code AWAITING_PUBREC}, {@code AWAITING_PUBCOMP}) without changing the tables.
 * Fields other than the immutable ones are guarded by the session's lock.
 */
final class Operation implements Runnable {
    enum Kind { PUBLISH, SUBSCRIBE, UNSUBSCRIBE }

    enum State { QUEUED, WRITING, AWAITING_ACK, DONE }

    final Kind kind;
    final String topic;
    final int qos;
    final byte[] frame;
    /** Order of submission (assigned under the lock when submitted). */
    long seq;
    final long submittedAt;
    final ClientFuture<Object> future = new ClientFuture<>();

    State state = State.QUEUED;
    /** Packet id (0 = none yet; kept across connections while the broker's session holds it). */
    int packetId;
    /** DUP re-sends on the current connection. */
    int dups;
    /** Connections lost while this operation was unacknowledged on them (max_attempts). */
    int attempts;
    /** A QoS 1 publication holding one of the max_inflight slots. */
    boolean holdsSlot;
    /** Its packet was handed to a socket under its current id: a re-send carries DUP=1. */
    boolean sentWithId;
    /** Re-sent automatically by the client (re-subscription), not by a caller. */
    boolean internal;
    /** MQTT 5.0: clock time its Message Expiry Interval ends (0 = none); not sent after that. */
    long expiresAt;
    /** QoS 2: the broker's PUBREC arrived — PUBREL (never the PUBLISH again) goes out until PUBCOMP. */
    boolean released;
    /** Submitted through a property-taking method: the future completes with an {@link io.mqttas.session.Ack}. */
    boolean ackResult;
    /** The connection it was last written to, or null. */
    Connection sentOn;
    /** Idle-clock time at which its acknowledgement is overdue ({@link Liveness#idleClock}). */
    long ackDue;
    /** Real time its last byte was handed to the socket (for latency events). */
    long writtenAt;
    /** Journal record id in the outbox, or -1. */
    long outboxId = -1;
    Scheduler.Task deadline = Scheduler.NONE;
    /** Links of the client's list of held operations ({@link LiveList}). */
    Operation livePrev;
    Operation liveNext;
    boolean isLive;

    /** The outcome {@link #run()} completes the future with, on the client's executor. */
    private Object result;
    private Throwable error;

    Operation(Kind kind, String topic, int qos, byte[] frame, long now) {
        this.kind = kind;
        this.topic = topic;
        this.qos = qos;
        this.frame = frame;
        this.submittedAt = now;
    }

    /** Sets the outcome; {@link Completions} then runs this on the executor (no lambda per completion). */
    Operation outcome(Object value, Throwable failure) {
        this.result = value;
        this.error = failure;
        return this;
    }

    /** Completes the future with the outcome (on the client's executor). */
    @Override
    public void run() {
        if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(result);
        }
    }

    boolean needsAck() {
        return kind != Kind.PUBLISH || qos > 0;
    }

    /** Whether its completion waits for an acknowledgement (QoS 1 or 2 publish, subscribe, unsubscribe). */
    /** A QoS 1 or 2 publication (counted in the window, journaled in the outbox). */
    boolean isQos1Publish() {
        return kind == Kind.PUBLISH && qos > 0;
    }

    boolean done() {
        return state == State.DONE;
    }

    /** Bytes this operation holds (its frame), counted against max_queued_bytes. */
    int bytes() {
        return frame.length;
    }

    String ackName() {
        return kind == Kind.PUBLISH ? qos == 1 ? "PUBACK" : released ? "PUBCOMP" : "PUBREC" : kind == Kind.SUBSCRIBE ? "SUBACK" : "UNSUBACK";
    }

    @Override
    public String toString() {
        return kind + "[" + topic + (kind == Kind.PUBLISH ? ", qos=" + qos + ", " + frame.length + " bytes" : "")
                + (packetId != 0 ? ", id=" + packetId : "") + "]";
    }
}
