/*
 * Issue 13 item 8: what one interoperability case gets — the broker (started on first use, shared), and
 * what is derived from it: client settings that keep the cases fast, an independent reference client
 * (mosquitto_sub/_pub) and topics private to the broker.
 */
package io.mqttas.interop;

import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoClientOptions;

import java.util.function.Supplier;

/** The parameter of every {@link AgainstEveryBroker} case; its display name is the broker's. */
public final class BrokerCase {

    private final Broker kind;
    private final Supplier<BrokerUnderTest> broker;

    BrokerCase(Broker kind, Supplier<BrokerUnderTest> broker) {
        this.kind = kind;
        this.broker = broker;
    }

    public Broker kind() {
        return kind;
    }

    /** The running broker (started now if this is its first case). */
    public BrokerUnderTest broker() {
        return broker.get();
    }

    /**
     * Settings for a client of this broker, id {@code <broker>-<id>}: a fast back-off so restarts are
     * mended at once, and a response_time long enough that a slow broker on a loaded machine gets no DUP
     * re-send (they are checked on purpose in WireInteropTest; Moquette 0.17 cannot take one, see Deviation).
     */
    public MqttConfig.Builder client(String id) {
        BrokerUnderTest b = broker();
        return MqttConfig.builder().server(b.host()).port(b.tcpPort()).clientId(kind + "-" + id)
                .keepalive(30).responseTime(15).reconnectDelayMin(0.05).reconnectDelayMax(0.5).reconnectJitter(0.5)
                .stabilityTime(0);
    }

    /** mosquitto_sub / mosquitto_pub on this broker's plain listener: an independent MQTT 3.1.1 client. */
    public MosquittoClientOptions reference(String id) {
        return MosquittoClientOptions.port(broker().tcpPort()).clientId(kind + "-ref-" + id);
    }

    /** A topic private to this broker's cases. */
    public String topic(String name) {
        return "interop/" + kind + "/" + name;
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
