/*
 * issue 3 item 17: end-to-end benchmarks against one Mosquitto in one run — QoS 1 publish throughput
 * at windows 1/10/100, QoS 0 publish→broker→subscriber throughput, lock-step PUBLISH→PUBACK latency
 * p50/p99, and time from a broker restart to the first PUBACK — for mqttas, Paho, HiveMQ and a
 * raw socket. CI runs it small as a smoke test; -Dmqttas.bench.messages=20000 for real numbers.
 */
package io.mqttas.session.bench;

import io.mqttas.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EndToEndBench {
    private static final int N = Integer.getInteger("mqttas.bench.messages", 300);
    private static final int SIZE = Integer.getInteger("mqttas.bench.size", 64);
    private static final int RESTARTS = Integer.getInteger("mqttas.bench.restarts", 2);

    private final List<Subject> subjects = List.of(new RawSubject(), new MqttasSubject(), new PahoSubject(), new HiveMqSubject());

    @Test
    void endToEnd() throws Exception {
        Map<String, Map<String, Double>> table = new LinkedHashMap<>();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            for (Subject s : subjects) {
                Map<String, Double> row = new LinkedHashMap<>();
                for (int window : new int[] {1, 10, 100}) {
                    row.put("qos1 w" + window + " msg/s", qos1Throughput(broker, s, window));
                }
                row.put("qos0 pub>sub msg/s", qos0Throughput(broker, s));
                double[] lat = lockStep(broker, s);
                row.put("lock-step p50 us", lat[0]);
                row.put("lock-step p99 us", lat[1]);
                row.put("restart>PUBACK ms", recovery(broker, s));
                table.put(s.name(), row);
            }
        }
        print(table);
        for (Map<String, Double> row : table.values()) {
            for (double v : row.values()) {
                assertTrue(v > 0, "every measure produced a value: " + table);
            }
        }
    }

    private static double qos1Throughput(MosquittoBroker b, Subject s, int window) throws Exception {
        try (Subject.Publisher p = s.publisher(b.host(), b.port(), "bench-pub", window)) {
            p.burst("bench/q1", Math.min(N, 200), SIZE, 1); // warm-up
            long t0 = System.nanoTime();
            p.burst("bench/q1", N, SIZE, 1);
            return N / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static double qos0Throughput(MosquittoBroker b, Subject s) throws Exception {
        try (Subject.Counter sub = s.subscriber(b.host(), b.port(), "bench-sub", "bench/q0");
             Subject.Publisher p = s.publisher(b.host(), b.port(), "bench-pub0", 100)) {
            long t0 = System.nanoTime();
            p.burst("bench/q0", N, SIZE, 0);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (sub.count() < N && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            return sub.count() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static double[] lockStep(MosquittoBroker b, Subject s) throws Exception {
        int n = Math.max(100, N / 10);
        long[] us = new long[n];
        byte[] payload = new byte[SIZE];
        try (Subject.Publisher p = s.publisher(b.host(), b.port(), "bench-lock", 1)) {
            for (int i = 0; i < 50; i++) {
                p.lockStep("bench/lock", payload);
            }
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                p.lockStep("bench/lock", payload);
                us[i] = (System.nanoTime() - t0) / 1000;
            }
        }
        Arrays.sort(us);
        return new double[] {us[n / 2], us[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)]};
    }

    /** Median over restarts of: broker accepting again → first PUBACK of a publication. */
    private static double recovery(MosquittoBroker b, Subject s) throws Exception {
        List<Long> ms = new ArrayList<>();
        try (Subject.Publisher p = s.publisher(b.host(), b.port(), "bench-recover", 1)) {
            p.lockStep("bench/rec", new byte[8]);
            for (int i = 0; i < RESTARTS; i++) {
                b.kill();
                Thread.sleep(200); // the client notices and starts reconnecting
                b.startAgain();
                long t0 = System.nanoTime();
                p.lockStep("bench/rec", new byte[8]);
                ms.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        ms.sort(null);
        return Math.max(1, ms.get(ms.size() / 2));
    }

    private static void print(Map<String, Map<String, Double>> table) {
        StringBuilder out = new StringBuilder();
        List<String> cols = new ArrayList<>(table.values().iterator().next().keySet());
        out.append(String.format("%nEnd-to-end, Mosquitto on loopback, %d messages of %d bytes%n", N, SIZE));
        out.append(String.format("| %-14s |", "client"));
        cols.forEach(c -> out.append(String.format(" %s |", c)));
        out.append('\n').append("|---|").append("---|".repeat(cols.size())).append('\n');
        Map<String, Double> raw = table.get("raw-socket");
        Map<String, Double> paho = table.get("paho-1.2.5");
        for (Map.Entry<String, Map<String, Double>> e : table.entrySet()) {
            out.append(String.format("| %-14s |", e.getKey()));
            cols.forEach(c -> out.append(String.format(" %.0f |", e.getValue().get(c))));
            out.append('\n');
        }
        Map<String, Double> us = table.get("mqttas");
        out.append(String.format("mqttas/raw: qos1 w10 %.2f, lock-step p50 %.2f (lower is better); mqttas/paho qos1 w10 %.2f%n",
                us.get("qos1 w10 msg/s") / raw.get("qos1 w10 msg/s"), us.get("lock-step p50 us") / raw.get("lock-step p50 us"),
                us.get("qos1 w10 msg/s") / paho.get("qos1 w10 msg/s")));
        System.out.println(out);
    }
}
