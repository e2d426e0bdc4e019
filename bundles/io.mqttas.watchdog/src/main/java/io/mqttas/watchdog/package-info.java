/**
 * The network link under the MQTT client: {@link io.mqttas.watchdog.NetworkLink} (up/down, stability
 * check, optional link cycling, WAN probe) and {@link io.mqttas.watchdog.LinkListener}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.mqttas.watchdog;
