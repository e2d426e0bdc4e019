/* The metatype (what Kura's web UI shows) and RelayConfig agree on every key and default (STYLE.md: never differ). */
package io.mqttas.relay.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqttas.relay.internal.RelayConfig;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayConfigurationTest {

    /** The OSGi name mapping of an annotation element: "__" is "_", "_" is ".". */
    static String key(Method m) {
        return m.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    @Test
    void metatypeDefaultsAreRelayConfigDefaults() {
        Map<String, Object> fromMetatype = new HashMap<>();
        for (Method m : RelayConfiguration.class.getDeclaredMethods()) {
            fromMetatype.put(key(m), m.getDefaultValue());
        }
        fromMetatype.remove("client.target"); // the DS reference filter, not a relay key
        assertEquals(RelayConfig.defaults(), RelayConfig.fromMap(fromMetatype));
        assertEquals(RelayConfig.class.getRecordComponents().length, fromMetatype.size(), "one metatype entry per key");
    }
}
