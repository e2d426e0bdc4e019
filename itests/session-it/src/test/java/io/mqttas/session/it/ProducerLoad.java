/*
 * Test helper (issue 9 item 17): the inbound direction of a soak — the kit's independent
 * ReferenceClient publishes numbered QoS 1 messages to the broker from its own thread, for the
 * client under test to receive. Same pause/allow controls as Qos1Load.
 */
package io.mqttas.session.it;

import io.mqttas.testkit.ReferenceClient;

import java.time.Duration;

final class ProducerLoad implements AutoCloseable {
    private final ReferenceClient producer;
    private final String topic;
    private final String prefix;
    private final java.util.function.IntFunction<byte[]> payloads;
    private final int total;
    private final Thread thread;
    private final LoadGate gate = new LoadGate();
    private volatile int offered;
    private volatile Throwable failure;

    /** {@code payloads} makes message n's payload (it must start with "<prefix><n>"). */
    ProducerLoad(ReferenceClient producer, String topic, String prefix, int total, java.util.function.IntFunction<byte[]> payloads) {
        this.payloads = payloads;
        this.producer = producer;
        this.topic = topic;
        this.prefix = prefix;
        this.total = total;
        this.thread = new Thread(this::run, "mqttas-test-producer-" + prefix);
        thread.setDaemon(true);
    }

    ProducerLoad start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            for (int i = 0; i < total && gate.pass(i); i++) {
                offered = i + 1;
                producer.publish(topic, payloads.apply(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            gate.finished();
        }
    }

    void allow(int upTo) {
        gate.allow(upTo);
    }

    /** Stops offering and waits until everything offered was acknowledged by the broker. */
    boolean pause(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        if (!gate.pauseAndPark(deadline)) {
            return false;
        }
        try {
            producer.awaitAllAcknowledged(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    void resume() {
        gate.resume();
    }

    int offered() {
        return offered;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "producer " + prefix + ": offered " + offered() + " of " + total + ", " + producer
                + (failure != null ? ", failed: " + failure : "");
    }

    @Override
    public void close() throws InterruptedException {
        gate.stop();
        thread.join(5000);
    }
}
