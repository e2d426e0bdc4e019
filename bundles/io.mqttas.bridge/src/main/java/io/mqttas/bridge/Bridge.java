/* DESIGN.md §3: the bridge's service, for status displays (Gogo bridge:status). */
package io.mqttas.bridge;

/** A running bridge between a host board and an MQTT client. */
@org.osgi.annotation.versioning.ProviderType
public interface Bridge {

    /** The configured name. */
    String name();

    /** A snapshot of the bridge's state and counters. */
    BridgeStatus status();
}
