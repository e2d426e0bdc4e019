/* issue 3 item 17: one client under benchmark; each measure connects its own clients. */
package io.mqttas.session.bench;

/** A client library (or the raw socket ceiling) driven the same way by every measure. */
interface Subject {
    String name();

    /** A connected publisher that keeps at most {@code window} QoS 1 publications in flight. */
    Publisher publisher(String host, int port, String clientId, int window) throws Exception;

    /** A connected QoS 0 subscriber to {@code topic} that counts messages. */
    Counter subscriber(String host, int port, String clientId, String topic) throws Exception;

    interface Publisher extends AutoCloseable {
        /** Publishes {@code n} messages of {@code size} bytes; returns once all are acknowledged (QoS 1) or written (QoS 0). */
        void burst(String topic, int n, int size, int qos) throws Exception;

        /** One QoS 1 publication, returning when its PUBACK arrived. */
        void lockStep(String topic, byte[] payload) throws Exception;
    }

    interface Counter extends AutoCloseable {
        long count();
    }
}
