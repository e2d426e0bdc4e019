/*
 * Test helper (issue 9 items 13, 17): the client under test publishes numbered QoS 1 messages from
 * its own thread with at most `window` unacknowledged, so the test thread is free to inject faults.
 * Every publication must complete normally: a failure is counted and its first cause kept.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

final class Qos1Load implements AutoCloseable {
    private final MqttClient client;
    private final String topic;
    private final String prefix;
    private final IntFunction<byte[]> payloads;
    private final int total;
    private final Semaphore window;
    private final AtomicInteger offered = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final LoadGate gate = new LoadGate();
    private final Thread thread;

    Qos1Load(MqttClient client, String topic, String prefix, int total, int window) {
        this(client, topic, prefix, total, window, n -> Ledger.payload(prefix, n).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code payloads} makes message n's payload (it must start with "<prefix><n>"). */
    Qos1Load(MqttClient client, String topic, String prefix, int total, int window, IntFunction<byte[]> payloads) {
        this.payloads = payloads;
        this.client = client;
        this.topic = topic;
        this.prefix = prefix;
        this.total = total;
        this.window = new Semaphore(window);
        this.thread = new Thread(this::run, "mqttas-test-load-" + prefix);
        thread.setDaemon(true);
    }

    Qos1Load start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            for (int i = 0; i < total && gate.pass(i); i++) {
                while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (gate.stopped()) {
                        return;
                    }
                }
                offered.incrementAndGet();
                client.publish(topic, payloads.apply(i), false, 1)
                        .whenComplete((v, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e);
                            }
                            window.release();
                        });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            gate.finished();
        }
    }

    /** Stops offering new publications (those in flight still complete); returns once none is outstanding. */
    boolean pause(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        if (!gate.pauseAndPark(deadline)) {
            return false;
        }
        while (offered.get() != acked.get() + failed.get()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Offers publications numbered below {@code upTo} only (until raised); all by default. */
    void allow(int upTo) {
        gate.allow(upTo);
    }

    void resume() {
        gate.resume();
    }

    int offered() {
        return offered.get();
    }

    int acked() {
        return acked.get();
    }

    int failed() {
        return failed.get();
    }

    Throwable firstFailure() {
        return firstFailure.get();
    }

    boolean done() {
        return acked.get() + failed.get() == total;
    }

    /** Waits until every publication completed; false at the deadline. */
    boolean awaitDone(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!done()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public String toString() {
        return "load " + prefix + ": offered " + offered + " of " + total + ", acked " + acked + ", failed " + failed
                + (firstFailure.get() != null ? " (first: " + firstFailure.get() + ")" : "");
    }

    @Override
    public void close() throws InterruptedException {
        gate.stop();
        thread.join(5000);
    }
}
