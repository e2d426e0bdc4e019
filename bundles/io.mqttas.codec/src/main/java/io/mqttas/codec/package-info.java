/**
 * MQTT 3.1.1 and MQTT 5.0 control packets as immutable values (with MQTT 5.0 properties and reason
 * codes), an encoder that writes into the caller's buffer, an incremental decoder, and the topic
 * rules. Pure Java: no I/O, no threads, no OSGi at run time.
 *
 * <p>1.1.0 added MQTT 5.0 (additive: every 1.0 type, constructor and method is unchanged).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.mqttas.codec;
