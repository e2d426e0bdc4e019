/*
 * Issue 11 item 12 benchmark: the ESP-NOW modem path at a real UART byte rate. The firmware runs
 * on the simulated board (CPython) with its hardware-UART port paced at 921,600 baud (10 bit
 * times per byte, both ways), the gateway opens the pty with jSerialComm; closed-loop nodes ping
 * as fast as their replies come. Measured: exchanges per second (each a RECV and a RESULT from the
 * modem and a SEND to it), the share of the link that is, round-trip times at the node, and the
 * gateway's share of each exchange: from the node's frame reaching the transport to the reply
 * handed to it (the rest is the link and the modem).
 *   default run (smoke): 4 nodes for 2 s, asserts that nodes are answered;
 *   -Drelay.bench=full: 16 nodes for 20 s. Result lines: stdout and target/relay-bench.txt.
 */
package io.mqttas.relay.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.relay.RadioState;
import io.mqttas.relay.internal.ModemTransport;
import io.mqttas.relay.internal.NodeId;
import io.mqttas.relay.internal.RadioTransport;
import io.mqttas.relay.internal.SerialModemPort;
import io.mqttas.testkit.MosquittoBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ModemLinkBenchmarkTest {
    static final boolean FULL = "full".equals(System.getProperty("relay.bench"));
    static final int BAUD = 921_600;
    static final int NODES = FULL ? 16 : 4;
    static final Duration RUN = FULL ? Duration.ofSeconds(20) : Duration.ofSeconds(2);
    /** Bytes on the wire per ping exchange: modem->gateway RECV (6+6+8) + RESULT (6+2); gateway->modem SEND (6+1+6+2). */
    static final int UP_BYTES = 28;
    static final int DOWN_BYTES = 15;

    /** Wraps the modem transport: when a node's frame came in, and when its reply was handed over. */
    static final class TimedRadio implements RadioTransport {
        final RadioTransport radio;
        final Map<NodeId, Long> arrived = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Long> gatewayNanos = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> sendNanos = new ConcurrentLinkedQueue<>();

        TimedRadio(RadioTransport radio) {
            this.radio = radio;
        }

        @Override
        public void start(FrameSink sink) throws IOException {
            radio.start(new FrameSink() {
                @Override
                public void onFrame(NodeId from, byte[] frame) {
                    arrived.put(from, System.nanoTime());
                    sink.onFrame(from, frame);
                }

                @Override
                public void radioStatus(String text) {
                    sink.radioStatus(text);
                }

                @Override
                public void radioError(String text) {
                    sink.radioError(text);
                }
            });
        }

        @Override
        public boolean send(NodeId node, byte[] frame) throws IOException {
            long t0 = System.nanoTime();
            Long in = arrived.remove(node);
            if (in != null) {
                gatewayNanos.add(t0 - in);
            }
            boolean ok = radio.send(node, frame);
            sendNanos.add(System.nanoTime() - t0);
            return ok;
        }

        @Override
        public void addPeer(NodeId node) throws IOException {
            radio.addPeer(node);
        }

        @Override
        public boolean acknowledgesDelivery() {
            return radio.acknowledgesDelivery();
        }

        @Override
        public int channel() {
            return radio.channel();
        }

        @Override
        public NodeId gatewayId() {
            return radio.gatewayId();
        }

        @Override
        public RadioState state() {
            return radio.state();
        }

        @Override
        public void close() {
            radio.close();
        }
    }

    @Test
    void modemLinkAtARealUartRate() throws Exception {
        TimedRadio[] timed = new TimedRadio[1];
        try (MosquittoBroker broker = MosquittoBroker.start();
                ModemBoard board = new ModemBoard("--baud", Integer.toString(BAUD), "--set",
                        "UART=(1, " + BAUD + ", None, None)");
                RelayFixture relay = new RelayFixture(broker.host(), broker.port(), c -> timed[0] = new TimedRadio(
                        new ModemTransport(new SerialModemPort(board.port(), BAUD), Duration.ofMillis(300), 0)),
                        "serial_baud", BAUD, "node_rate", 0);
                AirNodes air = new AirNodes(board.airPort())) {
            ModemScenariosTest.awaitReady(relay);
            List<AirNodes.Node> nodes = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                AirNodes.Node n = air.node(String.format("0000000002%02x", i), 1, ModemBoard.AP_MAC);
                ModemScenariosTest.retry(n::ping); // registered as peers before the measurement
                nodes.add(n);
            }
            timed[0].gatewayNanos.clear();
            timed[0].sendNanos.clear();
            ConcurrentLinkedQueue<Long> rtt = new ConcurrentLinkedQueue<>();
            AtomicLong unanswered = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(NODES);
            long end = System.nanoTime() + RUN.toNanos();
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (AirNodes.Node n : nodes) {
                work.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        if ("UP".equals(n.ping())) {
                            rtt.add(System.nanoTime() - t0);
                        } else {
                            unanswered.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] r = sorted(rtt);
            long[] g = sorted(timed[0].gatewayNanos);
            long[] s = sorted(timed[0].sendNanos);
            double rate = r.length / seconds;
            double limit = BAUD / 10.0 / UP_BYTES;
            String line = String.format("relay modem link %d baud, %d nodes, %.0f s: %.0f exchanges/s (%d answered, %d not),"
                    + " link limit %.0f/s (modem->gateway %d B + gateway->modem %d B each): %.0f %% of it; node round trip"
                    + " p50 %.2f ms p99 %.2f ms; gateway p50 %.3f ms p99 %.3f ms per frame (%.1f %% of the median round"
                    + " trip); SEND to RESULT p50 %.2f ms (%s)", BAUD, NODES, seconds, rate, r.length, unanswered.get(),
                    limit, UP_BYTES, DOWN_BYTES, 100 * rate / limit, ms(pct(r, 50)), ms(pct(r, 99)), ms(pct(g, 50)),
                    ms(pct(g, 99)), 100.0 * pct(g, 50) / Math.max(1, pct(r, 50)), ms(pct(s, 50)), Instant.now());
            System.out.println(line);
            String report = System.getProperty("relay.bench.report");
            if (report != null) {
                Files.writeString(Path.of(report), line + System.lineSeparator(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            assertTrue(r.length > 0 && unanswered.get() <= r.length / 10, "nodes are answered: " + line);
        }
    }

    private static long[] sorted(ConcurrentLinkedQueue<Long> q) {
        long[] a = q.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
