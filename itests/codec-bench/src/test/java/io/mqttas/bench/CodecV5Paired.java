/* Benchmarks (BENCHMARKS.md, codec MQTT 5.0 section): paired, interleaved 3.1.1 / 5.0 timing for a busy machine. */
package io.mqttas.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * On a shared machine whose load swings from minute to minute, separate JMH forks measure the load as
 * much as the code. This runs the {@link CodecV5Bench} operations of both versions in one JVM, in
 * short alternating blocks (A B, B A, …), and reports the median of the per-round ratios 5.0 / 3.1.1:
 * a slow minute slows both halves of a round alike. Not a replacement for JMH (no forks, one JIT
 * profile per operation); a second opinion on the ratio.
 *
 * <p>Run: {@code java -cp … io.mqttas.bench.CodecV5Paired [rounds] [blockMillis] [packet]} (default 300 rounds
 * of 10 ms, every packet). Give one packet per JVM (as JMH forks do) so that one packet's JIT profile
 * does not shape the code another is measured with.
 */
public final class CodecV5Paired {
    private static volatile Object sink;

    private CodecV5Paired() {
    }

    /** One operation of one benchmark state. */
    interface Op {
        Object run();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long blockNanos = (args.length > 1 ? Long.parseLong(args[1]) : 10) * 1_000_000L;
        if (args.length < 4) { // a 4th argument (any) leaves the header out, for one table from several JVMs
            System.out.println("| packet | op | 3.1.1 median ns | 5.0 median ns | median of paired ratios 5.0 / 3.1.1 | rounds |");
            System.out.println("|---|---|---:|---:|---:|---:|");
        }
        String[] kinds = args.length > 2 ? new String[] {args[2]} : KINDS;
        for (String line : run(rounds, blockNanos, kinds)) {
            System.out.println(line);
        }
    }

    static final String[] KINDS = {"PUBLISH_64", "CONNECT", "PUBACK"};

    static List<String> run(int rounds, long blockNanos, String... kinds) {
        List<String> out = new ArrayList<>();
        for (String kind : kinds) {
            CodecV5Bench a = bench(kind + "_311");
            CodecV5Bench b = bench(kind + "_5");
            out.add(compare(kind, "encode", a::mqttasEncode, b::mqttasEncode, rounds, blockNanos));
            out.add(compare(kind, "decode", a::mqttasDecode, b::mqttasDecode, rounds, blockNanos));
        }
        return out;
    }

    private static CodecV5Bench bench(String packet) {
        CodecV5Bench b = new CodecV5Bench();
        b.packet = packet;
        b.setup();
        return b;
    }

    private static String compare(String kind, String op, Op a, Op b, int rounds, long blockNanos) {
        int n = calibrate(a, blockNanos);
        for (int i = 0; i < Math.max(2, rounds / 10); i++) { // warm-up: both compiled before measuring
            time(a, n);
            time(b, n);
        }
        List<Double> ta = new ArrayList<>();
        List<Double> tb = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double x;
            double y;
            if ((r & 1) == 0) {
                x = time(a, n);
                y = time(b, n);
            } else {
                y = time(b, n);
                x = time(a, n);
            }
            ta.add(x);
            tb.add(y);
            ratio.add(y / x);
        }
        return String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.3f | %d |", kind, op, median(ta), median(tb), median(ratio), rounds);
    }

    private static int calibrate(Op op, long blockNanos) {
        int n = 1000;
        while (true) {
            long t = (long) (time(op, n) * n);
            if (t >= blockNanos / 2 || n > 50_000_000) {
                return (int) Math.max(1, n * (blockNanos / (double) Math.max(t, 1)));
            }
            n *= 4;
        }
    }

    /** ns per operation over {@code n} calls. */
    private static double time(Op op, int n) {
        Object last = null;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            last = op.run();
        }
        long t1 = System.nanoTime();
        sink = last;
        return (t1 - t0) / (double) n;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
