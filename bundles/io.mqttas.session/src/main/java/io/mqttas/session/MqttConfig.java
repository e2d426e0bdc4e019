/* spec/mqtt_as.md §2 and DESIGN.md §5: the configuration dictionary. */
package io.mqttas.session;

import java.util.Map;

/**
 * The client's configuration: every key of the original's config dict with the same defaults.
 * Build it with {@link #builder()} or from a map of the dict keys verbatim with {@link #fromMap(Map)}.
 * (Skeleton: the session issue fills in the keys.)
 */
public final class MqttConfig {
    private MqttConfig() {
    }

    /** A configuration from the dict keys verbatim; unknown keys and bad values fail naming key, value and range. */
    public static MqttConfig fromMap(Map<String, ?> map) {
        throw new UnsupportedOperationException("TODO: session issue");
    }
}
