/*
 * Issue 13 item 8: what the interoperability suite needs from a broker it runs the client against.
 * One implementation per broker; the suite is parameterised over them (Broker), so a new case is a
 * test method and a new broker is a new constant, never a new suite.
 */
package io.mqttas.interop;

import java.util.Set;

/**
 * A broker started by the test, in this JVM or as a child process, listening on 127.0.0.1 only.
 * Ports stay the same across {@link #restart()}, so a connected client can reconnect by itself.
 */
public interface BrokerUnderTest extends AutoCloseable {

    /** The WebSocket path every fixture serves (MQTT over WebSocket, subprotocol {@code mqtt}). */
    String WS_PATH = "/mqtt";

    /** Short name for test names and messages ("mosquitto", "hivemq", "moquette"). */
    String name();

    /** Name and version as the broker reports or as the fixture pins it, e.g. "HiveMQ CE 2025.5". */
    String product();

    default String host() {
        return "127.0.0.1";
    }

    /** Plain MQTT over TCP. */
    int tcpPort();

    /** MQTT over WebSocket at {@link #WS_PATH}. */
    int wsPort();

    /** MQTT over TLS with the server certificate of the test kit's shared PKI (TestCertificates.shared()). */
    int tlsPort();

    /** MQTT over a WebSocket over TLS at {@link #WS_PATH}, same certificate (issue 13 item 6). */
    int wssPort();

    /** Whether the broker accepts MQTT 5.0 CONNECTs (checked on the wire by InteropTest). */
    boolean supportsV5();

    /** Whether the broker carries QoS 2 end to end (checked on the wire by InteropTest). */
    boolean supportsQos2();

    /** Whether sessions and queued messages survive {@link #restart()}. */
    boolean persistent();

    /** Where this broker is known to differ from MQTT 3.1.1; each is asserted as it is, by name. */
    Set<Deviation> deviations();

    default boolean deviates(Deviation d) {
        return deviations().contains(d);
    }

    /** A graceful stop (persistence written, clients disconnected) and a start on the same ports. */
    void restart();

    /** Stops the broker and deletes everything it wrote. Idempotent. */
    @Override
    void close();
}
