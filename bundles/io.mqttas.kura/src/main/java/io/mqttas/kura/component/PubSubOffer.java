/*
 * Issue 10 item 1: the implementation class named by OSGI-INF/pubsub-offers.xml. Those two component
 * descriptions only tell Kura's web UI that Kura's raw MQTT publishers and subscribers fit an mqttas
 * cloud connection; they have no configuration, so DS never creates this class.
 */
package io.mqttas.kura.component;


/** Never instantiated by DS (see pubsub-offers.xml); constructing it is a mistake and says so. */
public final class PubSubOffer {
    public PubSubOffer() {
        throw new IllegalStateException("io.mqttas.kura.Raw*Offer components only describe which publisher and subscriber "
                + "factories fit an mqttas cloud connection; create an org.eclipse.kura.cloudconnection.raw.mqtt "
                + "publisher or subscriber instead");
    }
}
