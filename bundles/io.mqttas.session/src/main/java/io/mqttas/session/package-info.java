/**
 * The resilient MQTT client: {@link io.mqttas.session.MqttClient} and its configuration, events,
 * queue, listeners and errors. The contract other bundles (bridge, relay) build on.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.mqttas.session;
