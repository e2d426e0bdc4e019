/*
 * Issue 13 item 8: Mosquitto 2.0.11 (Debian's, a child process through the test kit) as a broker under
 * test, with its plain, WebSocket ("protocol websockets") and TLS listeners on 127.0.0.1.
 */
package io.mqttas.interop;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.TestCertificates;

import java.util.Set;

final class MosquittoUnderTest implements BrokerUnderTest {

    private final MosquittoBroker broker;
    private final boolean persistent;

    private MosquittoUnderTest(MosquittoBroker broker, boolean persistent) {
        this.broker = broker;
        this.persistent = persistent;
    }

    static MosquittoUnderTest start(boolean persistent) {
        return new MosquittoUnderTest(MosquittoBroker.builder().persistence(persistent).websockets(true)
                .tls(TestCertificates.shared()).start(), persistent);
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public String product() {
        return "Mosquitto 2.0.11 (Debian)";
    }

    @Override
    public int tcpPort() {
        return broker.port();
    }

    @Override
    public int wsPort() {
        return broker.wsPort();
    }

    @Override
    public int wssPort() {
        return broker.wssPort();
    }

    @Override
    public int tlsPort() {
        return broker.tlsPort();
    }

    @Override
    public boolean supportsV5() {
        return true;
    }

    @Override
    public boolean supportsQos2() {
        return true;
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    @Override
    public Set<Deviation> deviations() {
        return Set.of();
    }

    /** SIGTERM (Mosquitto writes its persistence file) and a start on the same ports. */
    @Override
    public void restart() {
        broker.restart();
    }

    /** The kit's broker, for its log in assertion messages. */
    MosquittoBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return broker.toString();
    }
}
