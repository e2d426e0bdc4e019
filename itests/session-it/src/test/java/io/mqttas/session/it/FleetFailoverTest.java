/*
 * Issue 9 item 13 (fleet) and spec B18: many gateways' clients in one JVM, all on node 0 of a
 * two-node cluster, node 0 dies (SIGKILL). The back-off with jitter must spread their reconnects
 * to node 1 — measured as a histogram of reconnect times, no thundering herd — and node 0's return
 * must not make them flap back. The default run is a smoke with 50 clients; the full run
 * (-Dmqttas.fleet=full) has 200 and a control fleet without jitter that shows what a herd looks
 * like to the same measurement.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttEventListener;
import io.mqttas.testkit.MosquittoCluster;
import io.mqttas.testkit.ThreadLeakCheck;
import io.mqttas.testkit.TimeHistogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetFailoverTest {

    static final boolean FULL = "full".equals(System.getProperty("mqttas.fleet"));
    static final int CLIENTS = Integer.getInteger("mqttas.fleet.clients", FULL ? 200 : 50);
    /** Back-off of the fleet: 1 s doubling to 2 s, half of each delay random (the default jitter). */
    static final double DELAY_MIN = 1;
    static final double DELAY_MAX = 2;
    static final double WINDOW_MS = 100;

    /** One client of the fleet, what its link listener saw and the back-off delays it chose (event listener). */
    static final class Member {
        final MqttClient client;
        final ConcurrentLinkedQueue<Long> ups = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> downs = new ConcurrentLinkedQueue<>();
        /** (when, delay ms) of each back-off the client chose. */
        final ConcurrentLinkedQueue<long[]> backoffs = new ConcurrentLinkedQueue<>();

        Member(MqttConfig config) {
            this.client = MqttClient.create(config);
            client.addLinkListener(up -> (up ? ups : downs).add(System.nanoTime()));
            client.addEventListener(new MqttEventListener() {
                @Override
                public void backoff(Duration delay, int attempt) {
                    backoffs.add(new long[] {System.nanoTime(), delay.toMillis()});
                }
            });
        }

        /** The first back-off delay (ms) chosen after {@code t0}, or -1. */
        long firstBackoffAfter(long t0) {
            return backoffs.stream().filter(b -> b[0] - t0 > 0).mapToLong(b -> b[1]).findFirst().orElse(-1L);
        }

        /** When it was next up after {@code t0}, or -1. */
        long upAfter(long t0) {
            return ups.stream().filter(t -> t - t0 > 0).findFirst().orElse(-1L);
        }
    }

    static final class Result {
        final TimeHistogram reconnects = new TimeHistogram();
        /** The first back-off delay each client chose after the kill, as its event listener was told. */
        final TimeHistogram delays = new TimeHistogram();
        int densest;
        double spread;
        double delaySpread;
    }

    @Test
    void jitteredBackOffSpreadsTheFleetAndNodeZerosReturnDoesNotPullItBack() throws Exception {
        Result r = failOver(CLIENTS, 0.5, true);
        // A herd puts (nearly) the whole fleet into one window (see the control). Spread uniformly
        // over the jitter (>= 500 ms here) a 100 ms window holds ~20 %; the bound leaves room for
        // chance with a small fleet.
        int bound = (int) Math.ceil((CLIENTS < 100 ? 0.5 : 0.4) * CLIENTS);
        assertTrue(r.densest <= bound, "thundering herd: " + r.densest + " of " + CLIENTS + " clients reconnected within "
                + WINDOW_MS + " ms (bound " + bound + ")\n" + r.reconnects.render(WINDOW_MS));
        assertTrue(r.spread >= 250, "reconnects spread over p10..p90 = " + r.spread + " ms only (want >= 250 ms)\n"
                + r.reconnects.render(WINDOW_MS));
        // The cause, from the clients themselves: the delays they chose are spread over the jitter
        // (uniform over 500..1000 ms for the first back-off: p10..p90 is ~400 ms).
        assertTrue(r.delaySpread >= 200, "chosen back-off delays spread over p10..p90 = " + r.delaySpread + " ms only\n"
                + r.delays.render(WINDOW_MS));
        assertTrue(r.delays.min() >= DELAY_MIN * 500 && r.delays.max() <= DELAY_MIN * 1000,
                "first back-off outside [min·(1 − jitter), min]: " + r.delays.summary());
    }

    /** The control: the same fleet without jitter, to show the measurement does see a herd. */
    @Test
    void withoutJitterTheSameFleetIsAHerd() throws Exception {
        Result r = failOver(CLIENTS, 0.0, false);
        assertTrue(r.densest >= CLIENTS / 2, "expected a herd without jitter, densest window " + r.densest + "\n"
                + r.reconnects.render(WINDOW_MS));
        assertEquals(0, r.delaySpread, "without jitter every client chose the same delay: " + r.delays.summary());
    }

    private Result failOver(int n, double jitter, boolean checkFlapBack) throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
        Result result = new Result();
        List<Member> fleet = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "mqttas-test-fleet");
            t.setDaemon(true);
            return t;
        });
        String tag = jitter > 0 ? "fleet" : "herd";
        try (MosquittoCluster cluster = MosquittoCluster.builder().start()) {
            String node1 = cluster.node(1).host() + ":" + cluster.node(1).port();
            for (int i = 0; i < n; i++) {
                fleet.add(new Member(MqttConfig.builder().server(cluster.node(0).host()).port(cluster.node(0).port())
                        .servers(cluster.failOverList()).clientId(tag + "-" + i).keepalive(10).responseTime(2)
                        .reconnectDelayMin(DELAY_MIN).reconnectDelayMax(DELAY_MAX).reconnectJitter(jitter)
                        .stabilityTime(0).build()));
            }
            List<CompletableFuture<?>> ready = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Member m = fleet.get(i);
                String filter = tag + "/" + i;
                ready.add(m.client.connect(true).thenCompose(sp -> m.client.subscribe(filter, 1)));
            }
            CompletableFuture.allOf(ready.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);

            long t0 = System.nanoTime();
            cluster.node(0).kill();
            eventually(Duration.ofSeconds(60), "the whole fleet on node 1", () -> fleet.stream()
                    .allMatch(m -> m.upAfter(t0) > 0 && m.client.status().server().equals(node1)));
            // Measured from outside: the link listener's "up" after the kill; and from inside: the
            // first back-off delay each client's event listener was told of.
            for (Member m : fleet) {
                result.reconnects.add((m.upAfter(t0) - t0) / 1e6);
                long d = m.firstBackoffAfter(t0);
                assertTrue(d >= 0, m.client.status().clientId() + " reconnected without a back-off event");
                result.delays.add(d);
            }
            result.densest = result.reconnects.densestWindow(WINDOW_MS);
            result.spread = result.reconnects.percentile(90) - result.reconnects.percentile(10);
            result.delaySpread = result.delays.percentile(90) - result.delays.percentile(10);
            System.out.printf("fleet of %d (back-off %.1f..%.1f s, jitter %.1f) after node 0 was killed: %s; densest %.0f ms "
                    + "window %d clients%n%s", n, DELAY_MIN, DELAY_MAX, jitter, result.reconnects.summary(), WINDOW_MS,
                    result.densest, result.reconnects.render(WINDOW_MS));
            System.out.printf("first back-off delays chosen (event listener): %s%n", result.delays.summary());

            if (checkFlapBack) {
                long[] reconnects = fleet.stream().mapToLong(m -> m.client.status().reconnects()).toArray();
                int downsBefore = fleet.stream().mapToInt(m -> m.downs.size()).sum();
                cluster.node(0).startAgain();
                Thread.sleep((long) (2 * DELAY_MAX * 1000) + 2000); // two ceiling delays and then some
                for (int i = 0; i < n; i++) {
                    Member m = fleet.get(i);
                    assertEquals(node1, m.client.status().server(), "flapped back to node 0: " + m.client.status());
                    assertEquals(reconnects[i], m.client.status().reconnects(), "reconnected again: " + m.client.status());
                    assertTrue(m.client.isConnected(), m.client.status().toString());
                }
                assertEquals(downsBefore, fleet.stream().mapToInt(m -> m.downs.size()).sum(), "no outage after node 0's return");
                String since = cluster.node(0).log().substring(cluster.node(0).log().lastIndexOf("---- start 2"));
                assertTrue(!since.contains(" as " + tag + "-"), "fleet clients connected to the returned node 0:\n" + since);
                System.out.printf("fleet: node 0 back for %d ms, 0 of %d clients reconnected or moved back%n",
                        (long) (2 * DELAY_MAX * 1000) + 2000, n);
            }
        } finally {
            List<Future<?>> closing = new ArrayList<>();
            for (Member m : fleet) {
                closing.add(pool.submit(m.client::close));
            }
            for (Future<?> f : closing) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        leaks.assertNoLeak(Duration.ofSeconds(20));
        return result;
    }
}
