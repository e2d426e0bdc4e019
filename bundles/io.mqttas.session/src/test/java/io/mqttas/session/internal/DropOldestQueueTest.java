/* spec/mqtt_as.md §5.3, B14: a true bounded drop-oldest queue. */
package io.mqttas.session.internal;

import io.mqttas.session.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropOldestQueueTest {
    private static Message m(int i) {
        return new Message("t", new byte[] {(byte) i}, false, 0);
    }

    @Test
    void b14QueueLenOneHoldsOneMessageAndCountsOnlyRealDrops() throws Exception {
        DropOldestQueue q = new DropOldestQueue(1);
        q.put(m(1));
        assertEquals(0, q.discards(), "the original counted every put with queue_len 1 as a discard");
        assertEquals(m(1), q.poll(Duration.ofMillis(10)), "and lost a message nobody was already waiting for");
        q.put(m(2));
        q.put(m(3));
        assertEquals(1, q.discards());
        assertEquals(m(3), q.take());
    }

    @Test
    void overflowDropsTheOldestAndCountsExactly() throws Exception {
        DropOldestQueue q = new DropOldestQueue(4);
        for (int i = 0; i < 10; i++) {
            q.put(m(i));
        }
        assertEquals(4, q.size(), "capacity is queue_len, not queue_len - 1");
        assertEquals(6, q.discards());
        for (int i = 6; i < 10; i++) {
            assertEquals(m(i), q.take());
        }
        assertNull(q.poll(Duration.ofMillis(20)));
    }

    @Test
    void severalConsumersEachGetDistinctMessages() throws Exception {
        DropOldestQueue q = new DropOldestQueue(1000);
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(3);
        for (int c = 0; c < 3; c++) {
            Thread t = new Thread(() -> {
                try {
                    Message x;
                    while ((x = q.poll(Duration.ofMillis(300))) != null) {
                        got.add((int) x.payload()[0]);
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
            t.start();
        }
        for (int i = 0; i < 100; i++) {
            q.put(m(i));
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(100, got.size());
        assertEquals(100, got.stream().distinct().count());
    }
}
