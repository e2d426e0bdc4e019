/*
 * spec/relay.md §13/§16: node frames and modem byte streams are hostile input. In `mvn test` this
 * runs in Jazzer's regression mode over the seeds in
 * src/test/resources/io/mqttas/relay/internal/RelayFuzzTestInputs/<method>/; with JAZZER_FUZZ=1 it
 * fuzzes for real (see docs/relay.md).
 */
package io.mqttas.relay.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.mqttas.testing.FakeMqttClient;
import org.junit.jupiter.api.AfterAll;

class RelayFuzzTest {
    private static final NodeId NODE = NodeId.parse("246f28aabbcc");
    private static final FrameParser PARSER = new FrameParser(250);
    private static FakeMqttClient client;
    private static MemoryRadio radio;
    private static Gateway gateway;

    private static synchronized Gateway gateway() throws Exception {
        if (gateway == null) {
            client = FakeMqttClient.accepting();
            radio = new MemoryRadio();
            // node_rate 0: the fuzzer sends thousands of frames a second from one node.
            gateway = new Gateway(RelayConfig.fromMap(Map.of("max_reports", 10, "node_rate", 0)), client, radio,
                    Clock.systemUTC());
            gateway.start();
        }
        return gateway;
    }

    @AfterAll
    static void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /**
     * Any frame: the parser returns a request or a MalformedFrameException (nothing else escapes),
     * the gateway's frame handling returns normally, and the node is still served afterwards.
     */
    @FuzzTest(maxDuration = "20s")
    void frame(byte[] data) throws Exception {
        try {
            PARSER.parse(data);
        } catch (MalformedFrameException expected) {
            // the named error is the correct outcome for hostile input
        }
        gateway();
        radio.sink.onFrame(NODE, data);
        List<String> reply = radio.frame(NODE, "[\"ping\"]");
        if (!reply.equals(List.of("UP"))) {
            throw new IllegalStateException("node no longer served after " + data.length + " bytes: " + reply);
        }
        if (client.calls.size() > 10_000) {
            client.clearCalls();
        }
        if (radio.sent(NODE).size() > 10_000) {
            radio.sent.clear();
        }
    }

    /** Any byte stream, then a valid frame and a flush: the decoder never throws and finds the frame. */
    @FuzzTest(maxDuration = "20s")
    void modemStream(byte[] data) {
        ModemFrame valid = new ModemFrame(ModemFrame.RECV, "\u0024\u006f\u0028\u00aa\u00bb\u00cc[\"ping\"]"
                .getBytes(StandardCharsets.ISO_8859_1));
        ModemFrame.Decoder d = new ModemFrame.Decoder();
        List<ModemFrame> out = new ArrayList<>();
        d.feed(data, 0, data.length, out::add);
        byte[] v = valid.encode();
        d.feed(v, 0, v.length, out::add);
        byte[] flush = new byte[ModemFrame.MAX_PAYLOAD + 8];
        d.feed(flush, 0, flush.length, out::add);
        if (!out.contains(valid)) {
            throw new IllegalStateException("valid frame lost after " + data.length + " bytes of noise");
        }
        if (out.size() > data.length / 6 + 1) {
            throw new IllegalStateException(out.size() + " frames from " + data.length + " bytes");
        }
    }

    /** Any HELLO payload: parsed or refused with the named error, nothing else. */
    @FuzzTest(maxDuration = "20s")
    void modemHello(byte[] data) {
        try {
            ModemHello h = ModemHello.parse(data);
            if (h.channel() > 14 || h.firmware().length() > 255) {
                throw new IllegalStateException("out-of-range HELLO accepted: " + h);
            }
        } catch (MalformedModemFrameException expected) {
            // the named error is the correct outcome
        }
    }

    /**
     * Any byte stream from a modem, then a valid RECV: the reader hands on only well-formed events,
     * never throws, ends with the stream's end, and still delivers the valid frame.
     */
    @FuzzTest(maxDuration = "20s")
    void modemReader(byte[] data) throws Exception {
        byte[] valid = new ModemFrame(ModemFrame.RECV, "\u0024\u006f\u0028\u00aa\u00bb\u00cc[\"ping\"]"
                .getBytes(StandardCharsets.ISO_8859_1)).encode();
        byte[] all = new byte[data.length + ModemFrame.MAX_PAYLOAD + 8 + valid.length];
        System.arraycopy(data, 0, all, 0, data.length);
        System.arraycopy(valid, 0, all, data.length + ModemFrame.MAX_PAYLOAD + 8, valid.length);
        ModemPort port = ModemPort.of(new java.io.ByteArrayInputStream(all), java.io.OutputStream.nullOutputStream(),
                () -> { });
        ModemEvents events = new ModemEvents();
        java.io.IOException end = ModemReader.read(new ModemConnection(port), events, fromNode -> { }, () -> false);
        if (!end.getMessage().contains("end of stream")) {
            throw new IllegalStateException("reader ended with " + end);
        }
        boolean found = false;
        ModemEvents.Event e;
        while ((e = events.poll(java.time.Duration.ZERO)) != null) {
            if (e instanceof ModemEvents.Frame f && f.from().equals(NODE)
                    && new String(f.data(), StandardCharsets.UTF_8).equals("[\"ping\"]")) {
                found = true;
            }
        }
        if (!found && events.dropped() == 0) {
            throw new IllegalStateException("valid frame lost after " + data.length + " bytes of noise");
        }
    }
}
