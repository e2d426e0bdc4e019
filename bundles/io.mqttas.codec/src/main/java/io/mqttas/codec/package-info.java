/**
 * MQTT 3.1.1 control packets as immutable values, an encoder that writes into the caller's buffer,
 * an incremental decoder, and the topic rules. Pure Java: no I/O, no threads, no OSGi at run time.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.mqttas.codec;
