/**
 * The relay gateway for sleepy ESP-NOW-style nodes (spec/relay.md): what a running gateway tells
 * its users (node table, queues, counters). The gateway itself is configured through ConfigAdmin
 * (PID {@code io.mqttas.relay}); see docs/relay.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.mqttas.relay;
