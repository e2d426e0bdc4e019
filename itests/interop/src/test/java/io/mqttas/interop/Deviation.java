/*
 * Issue 13 item 8: the named ways a broker under test departs from MQTT 3.1.1. A test that meets one
 * asserts the broker's actual behaviour under that name (so a fixed broker fails the test and the
 * entry is removed); nothing is skipped silently.
 */
package io.mqttas.interop;

/** A known departure from the standard, with the rule it breaks and what the broker does instead. */
public enum Deviation {

    /**
     * Moquette 0.17: a QoS 1 PUBLISH with DUP=1 on a topic with subscribers is routed with an empty
     * target set ({@code PostOffice.publish2Subscribers}: {@code payload.retain(0)} throws
     * {@code IllegalArgumentException: increment : 0}); the exception ends the session event loop that
     * owns the publisher, so no PUBACK is sent and every client hashed to that loop can no longer connect.
     */
    MOQUETTE_DUP_PUBLISH_KILLS_SESSION_LOOP("MQTT-4.3.2-2",
            "no PUBACK for a DUP QoS 1 PUBLISH; the broker's session loop dies (later CONNECTs get no CONNACK)"),

    /**
     * Moquette 0.17: a QoS 1 PUBLISH sent to a clean=0 session and not acknowledged before the
     * connection ended (with or without DISCONNECT) is not sent again when the session resumes; it is
     * lost. The client acknowledges only after the application has the message (B15), so a message
     * caught in flight by an outage is what this loses.
     */
    MOQUETTE_NO_RESEND_OF_UNACKNOWLEDGED_QOS1("MQTT-4.4.0-1",
            "unacknowledged QoS 1 PUBLISHes are not re-sent on reconnect with CleanSession 0"),

    /**
     * Moquette 0.17: stopped while a clean=0 client is connected, the broker comes back without the
     * session state of any client id — CONNACK session present 0, the QoS 1 messages queued for offline
     * sessions gone — yet the subscriptions of those sessions still deliver. Stopped with only offline
     * sessions, everything survives (session present 1, queued messages delivered).
     */
    MOQUETTE_STOP_WITH_A_CONNECTED_SESSION_LOSES_ALL_SESSIONS("MQTT-3.2.2-2, MQTT-3.1.2-5",
            "after a stop with a clean=0 client connected: session present 0 and queued messages lost for every"
                    + " session, while their subscriptions still deliver"),

    /** Moquette 0.17: retained messages sent because of a new subscription carry RETAIN 0. */
    MOQUETTE_RETAIN_0_ON_SUBSCRIBE("MQTT-3.3.1-8",
            "a retained message delivered on subscribe has RETAIN 0, like a live one"),

    /**
     * Moquette 0.17: a packet for a client whose connection has more than netty's write high-water mark
     * (64 KiB) waiting is discarded ({@code MQTTConnection.sendIfWritableElseDrop}), PUBACKs included.
     * A QoS 1 publisher that is also a busy subscriber — or whose own message above 64 KiB is echoed
     * back to it — may never get its PUBACK (seen in about half the echo runs). The client's DUP
     * re-send then meets MOQUETTE_DUP_PUBLISH_KILLS_SESSION_LOOP.
     */
    MOQUETTE_DROPS_PACKETS_FOR_A_CONGESTED_CLIENT("MQTT-4.3.2-2",
            "no PUBACK for a QoS 1 PUBLISH from a client with more than 64 KiB waiting to be sent to it"),

    /**
     * Moquette 0.17: the connection counts as connected only once the CONNACK write has completed
     * ({@code MQTTConnection}: {@code connected = true} in the write listener). A SUBSCRIBE read before
     * that is taken for one "on already closed connection" and the connection is dropped; a DISCONNECT
     * then is ignored. Clients may send at once after CONNECT (MQTT 3.1.1 §3.1.4), and the client's
     * re-subscription in connect_coro does. A race: seen in some runs on a loaded machine, not in others.
     */
    MOQUETTE_SUBSCRIBE_RIGHT_AFTER_CONNACK_MAY_DROP_THE_CONNECTION("MQTT-3.8.4-1",
            "a SUBSCRIBE arriving just after the CONNACK sometimes closes the connection instead of a SUBACK;"
                    + " a DISCONNECT then is ignored (the will is published)");

    private final String rule;
    private final String behaviour;

    Deviation(String rule, String behaviour) {
        this.rule = rule;
        this.behaviour = behaviour;
    }

    /** The conformance statement of MQTT 3.1.1 (or 5.0) that is not met. */
    public String rule() {
        return rule;
    }

    /** What the broker does instead (what the test asserts). */
    public String behaviour() {
        return behaviour;
    }

    @Override
    public String toString() {
        return name() + " (" + rule + "): " + behaviour;
    }
}
