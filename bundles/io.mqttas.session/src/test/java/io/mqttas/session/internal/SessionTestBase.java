/* Shared set-up for session core tests: fake broker transports and a manual clock. */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.session.MqttConfig;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

abstract class SessionTestBase {
    final ManualScheduler clock = new ManualScheduler();
    final FakeBroker broker = new FakeBroker();
    final List<Session> sessions = new ArrayList<>();

    Session session(UnaryOperator<MqttConfig.Builder> mods) {
        MqttConfig.Builder b = MqttConfig.builder().server("broker").clientId("test-client").keepalive(60).responseTime(10)
                .reconnectDelayMin(1).reconnectDelayMax(8).reconnectJitter(0);
        Session s = new Session(mods.apply(b).build(), broker, clock, () -> 0.5);
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
        FakeBroker.Link l = awaitConnection();
        l.expect(Connect.class);
        l.send(new ConnAck(false, 0));
        return l;
    }

    FakeBroker.Link awaitConnection() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            FakeBroker.Link l = broker.accepted.poll(10, TimeUnit.MILLISECONDS);
            if (l != null) {
                return l;
            }
            advance(100);
        }
        fail("the client did not reconnect");
        return null;
    }

    /** Advances the manual clock once no session is in the middle of a write. */
    void advance(long millis) throws InterruptedException {
        eventually("writers idle", () -> sessions.stream().allMatch(Session::writerIdle));
        clock.advance(millis);
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
    }
}
