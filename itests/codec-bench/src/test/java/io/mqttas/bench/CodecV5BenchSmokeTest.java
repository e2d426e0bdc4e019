package io.mqttas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each MQTT 5.0 benchmark method once per packet kind (setup checks the round trip); the real run is by hand. */
class CodecV5BenchSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"PUBLISH_64_311", "PUBLISH_64_5", "PUBLISH_64_PROPS_5", "CONNECT_311", "CONNECT_5", "PUBACK_311", "PUBACK_5"})
    void everyBenchmarkMethodRuns(String packet) {
        CodecV5Bench b = new CodecV5Bench();
        b.packet = packet;
        b.setup();
        assertEquals(b.wire.length, b.mqttasEncode());
        assertEquals(b.ours, b.mqttasDecode());
    }

    @org.junit.jupiter.api.Test
    void thePairedRunProducesARowPerPacketAndOperation() {
        java.util.List<String> rows = CodecV5Paired.run(2, 1, CodecV5Paired.KINDS);
        assertEquals(6, rows.size());
        for (String row : rows) {
            org.junit.jupiter.api.Assertions.assertTrue(row.matches("\\| \\w+ \\| (encode|decode) \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| 2 \\|"), row);
        }
    }
}
