package io.mqttas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.codec.Publish;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The only part of the benchmark module that runs in the normal test phase: each benchmark method
 * once per packet kind (with its results checked: both libraries agree), and a tiny in-process JMH run
 * that proves the generated harness works. The real measurement is run by hand (docs/BENCHMARKS.md).
 */
class CodecBenchSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"PUBLISH_64", "PUBLISH_1K", "PUBACK", "SUBSCRIBE"})
    void everyBenchmarkMethodRunsAndBothLibrariesAgree(String packet) throws Exception {
        CodecBench b = new CodecBench();
        b.packet = packet;
        b.setup(); // also checks that both encoders produce the same bytes
        try {
            assertEquals(b.wire.length, b.mqttasEncode());
            assertEquals(b.wire.length, b.nettyEncode());
            assertEquals(b.ours, b.mqttasDecode());
            MqttMessage m = (MqttMessage) b.nettyDecode();
            assertTrue(m.decoderResult().isSuccess(), String.valueOf(m.decoderResult()));
            assertEquals(b.ours.type().name(), m.fixedHeader().messageType().name());
            if (m instanceof MqttPublishMessage p) {
                assertEquals(((Publish) b.ours).topic(), p.variableHeader().topicName());
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void jmhHarnessRunsEveryBenchmarkBriefly() throws Exception {
        Options opt = new OptionsBuilder()
                .include(CodecBench.class.getName() + ".*")
                .param("packet", "PUBACK")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        assertEquals(4, results.size());
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark());
        }
    }
}
