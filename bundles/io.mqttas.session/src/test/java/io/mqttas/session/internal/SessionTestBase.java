/* Shared set-up for session core tests: fake broker transports, a manual clock, the real shared loop and pool. */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.session.MqttConfig;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

abstract class SessionTestBase {
    final ManualScheduler clock = new ManualScheduler();
    final SharedRuntime.Handle runtime = SharedRuntime.acquire();
    final IoLoop loop = runtime.nextLoop();
    final FakeBroker broker = new FakeBroker(loop);
    final List<Session> sessions = new ArrayList<>();

    Session session(UnaryOperator<MqttConfig.Builder> mods) {
        MqttConfig.Builder b = MqttConfig.builder().server("broker").clientId("test-client").keepalive(60).responseTime(10)
                .reconnectDelayMin(1).reconnectDelayMax(8).reconnectJitter(0);
        Session s = new Session(mods.apply(b).build(), new Session.Environment(broker, clock, loop, SharedRuntime.acquire(), () -> 0.5));
        sessions.add(s);
        return s;
    }

    /** Connects and completes the handshake; returns the broker's side. */
    FakeBroker.Link connect(Session s, boolean sessionPresent) throws Exception {
        var f = s.connect(true);
        FakeBroker.Link l = broker.accept();
        l.expect(Connect.class);
        l.send(new ConnAck(sessionPresent, 0));
        assertEquals(sessionPresent, f.get(5, TimeUnit.SECONDS));
        return l;
    }

    /** Lets back-off time pass until the client opens a new connection, and completes its handshake. */
    FakeBroker.Link reconnect() throws Exception {
        return reconnect(false);
    }

    FakeBroker.Link reconnect(boolean sessionPresent) throws Exception {
        FakeBroker.Link l = awaitConnection();
        l.expect(Connect.class);
        l.send(new ConnAck(sessionPresent, 0));
        return l;
    }

    FakeBroker.Link awaitConnection() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            FakeBroker.Link l = broker.accepted.poll(10, TimeUnit.MILLISECONDS);
            if (l != null) {
                return l;
            }
            long due = clock.nextDue() - clock.nowMillis();
            advance(due > 0 && due < 60_000 ? due : 100); // straight to the next timer (the back-off's)
        }
        fail("the client did not reconnect");
        return null;
    }

    /**
     * Advances the manual clock timer by timer, letting the loop run each timer's event before the
     * next timer is due (timers only post events to the loop, and an event may set the next timer).
     */
    void advance(long millis) throws InterruptedException {
        // First let the loop finish what it is doing: a frame the broker already saw may still be
        // inside the loop's write task, whose written() callback sets the acknowledgement timer.
        sync();
        long target = clock.nowMillis() + millis;
        long due;
        while ((due = clock.nextDue()) <= target) {
            clock.advance(Math.max(0, due - clock.nowMillis()));
            sync();
        }
        clock.advance(target - clock.nowMillis());
        sync();
    }

    /** Waits until the loop has run what is queued on it now. */
    void sync() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(done::countDown);
        assertTrue(done.await(5, TimeUnit.SECONDS), "the loop is stuck");
    }

    static void eventually(String what, java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    @AfterEach
    void closeAll() {
        for (Session s : sessions) {
            s.close();
        }
        runtime.close();
    }
}
