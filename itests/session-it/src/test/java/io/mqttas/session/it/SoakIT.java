/*
 * Issue 9 item 17 (robustness P4/P5): a soak. The client under test publishes numbered QoS 1
 * messages and receives numbered QoS 1 messages from an independent publisher, both at once,
 * through a schedule of injected faults of every kind the test kit has (SoakFault: resets,
 * black-hole, refuse, drop-after, delay, throttle, broker restart with persistence, DNS failures).
 * At the end: 0 lost in either direction (duplicates counted and printed), every publication
 * completed normally, and threads, retained heap and file descriptors flat between a checkpoint
 * after the warm-up faults and the end; after close() no thread is left.
 *
 * Default run (failsafe, part of `mvn verify`): 5,000 messages each way through 11 faults (every
 * kind once), ~30 s. Full run: -Dmqttas.soak=full (100,000 each way, 132 faults); sizes can be set
 * with -Dmqttas.soak.messages, -Dmqttas.soak.faults, -Dmqttas.soak.seed. The JVM resolves names
 * from a hosts file the test rewrites (failsafe argLine in this module's pom).
 */
package io.mqttas.session.it;

import io.mqttas.session.ClientMetrics;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.HostsFile;
import io.mqttas.testkit.JvmStats;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.ReferenceClient;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakIT {

    static final boolean FULL = "full".equals(System.getProperty("mqttas.soak"));
    static final int MESSAGES = Integer.getInteger("mqttas.soak.messages", FULL ? 100_000 : 5_000);
    static final int FAULTS = Integer.getInteger("mqttas.soak.faults", (FULL ? 12 : 1) * SoakFault.values().length);
    static final long SEED = Long.getLong("mqttas.soak.seed", System.currentTimeMillis());
    static final String BROKER_NAME = "soak-broker.test";
    static final String CLIENT_ID = "soak-client";
    /** Heap the whole test JVM may retain more at the end than at the checkpoint. */
    static final long HEAP_SLACK = 8L * 1024 * 1024;
    static final Duration RECOVERY = Duration.ofSeconds(60);

    @Test
    void qos1BothWaysThroughEveryKindOfFaultLosesNothingAndStaysFlat() throws Exception {
        Random random = new Random(SEED);
        List<SoakFault> schedule = schedule(random);
        System.out.printf("soak: %d QoS 1 messages each way, %d faults, seed %d%n", MESSAGES, schedule.size(), SEED);
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
        HostsFile dns = HostsFile.current().map(BROKER_NAME, "127.0.0.1");
        Ledger outbound = new Ledger("o", MESSAGES);
        Ledger inbound = new Ledger("i", MESSAGES);
        Run run;
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(true).start();
             FaultProxy proxy = FaultProxy.to(broker);
             ReferenceClient observer = ReferenceClient.builder(broker.host(), broker.port(), "soak-observer")
                     .cleanSession(false).subscribe("soak/out", 1).onMessage(m -> outbound.add(m.payload())).start();
             ReferenceClient producer = ReferenceClient.builder(broker.host(), broker.port(), "soak-producer")
                     .window(100).start();
             MqttClient client = MqttClient.create(config(proxy.port(), inbound));
             Qos1Load out = new Qos1Load(client, "soak/out", "o", MESSAGES, 100, n -> payload("o", n));
             ProducerLoad in = new ProducerLoad(producer, "soak/in", "i", MESSAGES, n -> payload("i", n))) {
            run = new Run(new SoakFault.World(proxy, broker, dns, BROKER_NAME), client, observer, producer, out, in, inbound,
                    random);
            try {
                client.connect(true).get(15, TimeUnit.SECONDS);
                client.subscribe("soak/in", 1).get(10, TimeUnit.SECONDS);
                int segment = MESSAGES / (schedule.size() + 1);
                out.allow(segment);
                in.allow(segment);
                out.start();
                in.start();
                int warmUp = Math.max(1, Math.min(10, schedule.size() / 3));
                for (int k = 0; k < schedule.size(); k++) {
                    // Mid-segment, so traffic is in flight both ways when the fault hits; then the next segment.
                    run.fault(k, schedule.get(k), (long) k * segment + segment / 2);
                    out.allow((k + 2) * segment);
                    in.allow((k + 2) * segment);
                    run.awaitRecovered(k, schedule.get(k));
                    if ((k + 1) % 10 == 0) {
                        System.out.printf("soak: %d of %d faults after %d s; out %d acked, in %d received; %s%n", k + 1,
                                schedule.size(), run.seconds(), out.acked(), inbound.distinct(), client.status());
                    }
                    if (k + 1 == warmUp) {
                        run.checkpoint = run.settle("checkpoint after " + warmUp + " faults");
                    }
                }
                out.allow(MESSAGES);
                in.allow(MESSAGES);
                assertTrue(out.awaitDone(Duration.ofSeconds(120)), "every publication completes: " + out + "; " + client.status());
                assertTrue(inbound.awaitDistinct(MESSAGES, Duration.ofSeconds(120)), "client received: " + inbound + "; " + in
                        + "; " + client.status());
                assertTrue(outbound.awaitDistinct(MESSAGES, Duration.ofSeconds(60)), "observer received: " + outbound);
                run.end = run.settle("end");
                assertEquals(0, out.failed(), "publications that failed: " + out);
                assertEquals(null, in.failure(), in.toString());
                assertEquals(0, outbound.foreign() + inbound.foreign(), "unexpected payloads");
                run.reconnects = client.status().reconnects();
            } finally {
                dns.release(); // never leave lookups hanging behind a failed assertion
            }
        }
        System.out.printf("soak: %d s; client → broker %d of %d (0 lost, %d duplicates); broker → client %d of %d (0 lost, "
                + "%d duplicates); %d faults %s; %d reconnects, by fault %s%n", run.seconds(), outbound.distinct(), MESSAGES,
                outbound.duplicates(), inbound.distinct(), MESSAGES, inbound.duplicates(), schedule.size(), run.injected,
                run.reconnects, run.reconnectsBy);
        System.out.printf("soak: checkpoint %s%nsoak: end        %s%n", run.checkpoint, run.end);
        assertFlat(run.checkpoint, run.end);
        leaks.assertNoLeak(Duration.ofSeconds(10));
    }

    /** One soak's moving parts and tallies. */
    private static final class Run {
        final SoakFault.World world;
        final MqttClient client;
        final ReferenceClient observer;
        final ReferenceClient producer;
        final Qos1Load out;
        final ProducerLoad in;
        final Ledger inbound;
        final Random random;
        final long t0 = System.nanoTime();
        final Map<SoakFault, Integer> injected = new EnumMap<>(SoakFault.class);
        final Map<SoakFault, Integer> reconnectsBy = new EnumMap<>(SoakFault.class);
        JvmStats checkpoint;
        JvmStats end;
        long reconnects;
        private long reconnectsBefore;
        private long outBase;
        private long inBase;

        Run(SoakFault.World world, MqttClient client, ReferenceClient observer, ReferenceClient producer, Qos1Load out,
                ProducerLoad in, Ledger inbound, Random random) {
            this.world = world;
            this.client = client;
            this.observer = observer;
            this.producer = producer;
            this.out = out;
            this.in = in;
            this.inbound = inbound;
            this.random = random;
        }

        long seconds() {
            return (System.nanoTime() - t0) / 1_000_000_000L;
        }

        /** Waits for traffic up to {@code mark} both ways, then injects, holds and clears fault k. */
        void fault(int k, SoakFault fault, long mark) throws InterruptedException {
            eventually(RECOVERY, "traffic before fault " + (k + 1) + " (" + fault + "): " + out + "; inbound " + inbound
                    + "; " + client.status(), () -> out.acked() >= mark && inbound.distinct() >= mark);
            reconnectsBefore = client.status().reconnects();
            FaultProxy proxy = world.proxy();
            fault.inject(world, random);
            try {
                int connectionsDuring = proxy.connectionCount();
                Thread.sleep(fault.holdFor(random).toMillis());
                if (fault.blocksResolution()) {
                    assertEquals(connectionsDuring, proxy.connectionCount(), "fault " + (k + 1) + " (" + fault
                            + "): a connection reached the broker's port although its name did not lead there");
                }
            } finally {
                fault.clear(world);
            }
            injected.merge(fault, 1, Integer::sum);
            outBase = out.acked();
            inBase = inbound.distinct();
        }

        /** After fault k: connected again and moving both ways (or done); reconnected if the fault broke the link. */
        void awaitRecovered(int k, SoakFault fault) {
            eventually(RECOVERY, "recovery from fault " + (k + 1) + " (" + fault + "): " + out + "; inbound " + inbound
                    + "; " + client.status(), () -> client.isConnected()
                    && (out.acked() > outBase + 20 || out.done())
                    && (inbound.distinct() > inBase + 20 || inbound.distinct() == MESSAGES));
            long caused = client.status().reconnects() - reconnectsBefore;
            reconnectsBy.merge(fault, (int) caused, Integer::sum);
            if (fault.breaksTheConnection()) {
                assertTrue(caused > 0, "fault " + (k + 1) + " (" + fault + ") did not make the client reconnect: "
                        + client.status());
            }
        }

        /**
         * Both loads paused and drained, the link quiet and the proxy down to the one live
         * connection: the same state at the checkpoint and at the end, so the snapshots compare.
         */
        JvmStats settle(String what) throws InterruptedException {
            FaultProxy proxy = world.proxy();
            assertTrue(out.pause(RECOVERY), what + ": outbound did not drain: " + out);
            assertTrue(in.pause(RECOVERY), what + ": inbound did not drain: " + in);
            eventually(RECOVERY, what + ": settled (" + client.status() + ", proxy " + proxy.activeConnections()
                    + " connections, " + ThreadLeakCheck.live("mqttas-test-proxy") + ")", () -> client.isConnected()
                    && proxy.activeConnections() == 1 && observer.isReady() && producer.isReady()
                    && ThreadLeakCheck.live("mqttas-test-proxy").size() == 3);
            Thread.sleep(500);
            assertEquals(0, client.status().inFlight(), what + ": nothing in flight once drained: " + client.status());
            // The client's own gauges agree: nothing held, nothing unacknowledged, no inbound backlog,
            // reading not paused, nothing skipped for its size (the payloads are at most 16 KiB).
            ClientMetrics m = client.metrics();
            assertEquals(0, m.queuedMessages(), what + ": operations held once drained: " + m);
            assertEquals(0, m.queuedBytes(), what + ": bytes held once drained: " + m);
            assertEquals(0, m.oldestUnackedMillis(), what + ": an unacknowledged operation is left: " + m);
            assertEquals(0, m.inboundBacklog(), what + ": received messages still wait for the application: " + m);
            assertFalse(m.readsPaused(), what + ": reading still paused: " + m);
            assertEquals(0, m.oversizeInbound(), what + ": messages skipped for their size: " + m);
            assertEquals(0, m.givenUp(), what + ": operations given up: " + m);
            JvmStats s = JvmStats.afterGc();
            out.resume();
            in.resume();
            return s;
        }
    }

    /** Every kind once, then shuffled rounds of every kind, so each kind happens ~FAULTS/kinds times. */
    static List<SoakFault> schedule(Random random) {
        List<SoakFault> all = new ArrayList<>();
        while (all.size() < FAULTS) {
            List<SoakFault> round = new ArrayList<>(List.of(SoakFault.values()));
            Collections.shuffle(round, random);
            all.addAll(round.subList(0, Math.min(round.size(), FAULTS - all.size())));
        }
        return all;
    }

    /**
     * Message n's payload: mostly small, every 10th 1 KiB, every 100th 16 KiB — so a throttled link
     * holds whole seconds of data (acks and pings must not drown behind it) and a leak of payloads
     * would show in the heap.
     */
    static byte[] payload(String prefix, int n) {
        return Ledger.padded(prefix, n, n % 100 == 99 ? 16 * 1024 : n % 10 == 9 ? 1024 : 24);
    }

    /**
     * The application is sometimes slow: every 1,000th message its callback takes 20 ms (the
     * delivery path must absorb that without stalling acknowledgements).
     */
    private static MqttConfig config(int port, Ledger inbound) {
        int[] seen = {0};
        return Fast.config(BROKER_NAME, port, CLIENT_ID).clean(false).cleanInit(true).maxInflight(20)
                .subsCb((topic, payload, retained) -> {
                    inbound.add(payload);
                    if (++seen[0] % 1000 == 0) {
                        sleepQuietly(20);
                    }
                }).build();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertFlat(JvmStats checkpoint, JvmStats end) {
        assertEquals(checkpoint.threads("mqttas-" + CLIENT_ID), end.threads("mqttas-" + CLIENT_ID),
                "the client's own threads: " + checkpoint.threadNames() + " → " + end.threadNames());
        // The shared completion pool grows and shrinks with demand (at most 8): allow for it.
        int pool = 8;
        assertTrue(end.threads() <= checkpoint.threads() + pool, "JVM threads " + checkpoint.threads() + " → "
                + end.threads() + ": " + end.threadNames());
        assertTrue(end.openFiles() <= checkpoint.openFiles() + 2, "open file descriptors " + checkpoint.openFiles() + " → "
                + end.openFiles());
        assertTrue(end.heapUsedBytes() - checkpoint.heapUsedBytes() <= HEAP_SLACK, "retained heap grew by "
                + (end.heapUsedBytes() - checkpoint.heapUsedBytes()) / 1024 + " KiB (bound " + HEAP_SLACK / 1024 + " KiB)");
    }
}
