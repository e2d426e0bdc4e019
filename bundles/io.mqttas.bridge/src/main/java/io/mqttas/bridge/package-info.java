/**
 * The MQTT bridge: the gateway plays the ESP8266's part for non-networked MicroPython boards
 * (spec/bridge.md). Public types: the {@link io.mqttas.bridge.Pins} seam for the SynCom link's
 * five wires, the {@link io.mqttas.bridge.Bridge} service and its {@link io.mqttas.bridge.BridgeStatus}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.mqttas.bridge;
