/* Issue 10 item 1: the gate that keeps a confirmation from overtaking the caller's bookkeeping. */
package io.mqttas.kura.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.data.DataTransportToken;
import org.junit.jupiter.api.Test;

class ConfirmationGateTest {
    private static final DataTransportToken T1 = new DataTransportToken(1, "s");
    private static final DataTransportToken T2 = new DataTransportToken(2, "s");

    /** Runs {@code publish} on a thread that then stays RUNNABLE until released (like DataServiceImpl after publish()). */
    private static Thread publisher(ConfirmationGate gate, CountDownLatch published, CountDownLatch release, Runnable then) {
        Thread t = new Thread(() -> {
            gate.entered();
            gate.issued(T1);
            gate.returned(T1, System.nanoTime());
            published.countDown();
            while (release.getCount() > 0) {
                Thread.onSpinWait();
            }
            then.run();
        }, "test-publisher");
        t.start();
        return t;
    }

    @Test
    void heldUntilThePublisherComesBack() throws Exception {
        ConfirmationGate gate = new ConfirmationGate();
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch cameBack = new CountDownLatch(1);
        Thread t = publisher(gate, published, release, () -> {
            gate.entered();          // its next call into the transport (isConnected in DataServiceImpl's loop)
            cameBack.countDown();
        });
        assertTrue(published.await(5, TimeUnit.SECONDS));
        gate.acknowledged(T1);
        long now = System.nanoTime();
        assertEquals(List.of(), gate.release(now), "acknowledged, but the publisher is still busy right after publish()");
        assertTrue(gate.holding());
        release.countDown();
        assertTrue(cameBack.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(T1), gate.release(System.nanoTime()));
        assertEquals(List.of(), gate.release(System.nanoTime()), "released once");
        assertFalse(gate.holding());
        t.join();
    }

    @Test
    void releasedWhenThePublisherParks() throws Exception {
        ConfirmationGate gate = new ConfirmationGate();
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch parked = new CountDownLatch(1);
        Thread t = publisher(gate, published, release, () -> {
            try {
                parked.await();      // waiting for work, as DataServiceImpl's suspendPublisher
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(published.await(5, TimeUnit.SECONDS));
        gate.acknowledged(T1);
        assertEquals(List.of(), gate.release(System.nanoTime()), "still running its bookkeeping");
        release.countDown();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<DataTransportToken> got = List.of();
        while (got.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(1);
            got = gate.release(System.nanoTime());
        }
        assertEquals(List.of(T1), got, "a parked publisher is past its bookkeeping");
        parked.countDown();
        t.join();
    }

    @Test
    void releasedAfterTheGraceWhateverThePublisherDoes() throws Exception {
        ConfirmationGate gate = new ConfirmationGate();
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = publisher(gate, published, release, () -> { });
        assertTrue(published.await(5, TimeUnit.SECONDS));
        gate.acknowledged(T1);
        long now = System.nanoTime();
        assertEquals(List.of(), gate.release(now));
        assertEquals(List.of(T1), gate.release(now + ConfirmationGate.GRACE_NANOS));
        release.countDown();
        t.join();
    }

    @Test
    void neverBeforePublishReturnedAndAbandonedTokensAreDropped() {
        ConfirmationGate gate = new ConfirmationGate();
        gate.issued(T1);
        gate.acknowledged(T1);   // a PUBACK faster than publish() itself
        assertEquals(List.of(), gate.release(System.nanoTime() + ConfirmationGate.GRACE_NANOS * 10));
        gate.abandoned(T1);
        gate.returned(T1, System.nanoTime());
        assertEquals(List.of(), gate.release(System.nanoTime() + ConfirmationGate.GRACE_NANOS * 10));
        assertEquals(0, gate.size());
        gate.issued(T2);
        gate.clear();
        assertEquals(0, gate.size(), "a new session forgets every token");
    }
}
