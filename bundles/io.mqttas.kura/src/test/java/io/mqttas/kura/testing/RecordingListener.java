/* Tests: a DataTransportListener that records every event in order, with bounded waits. */
package io.mqttas.kura.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.transport.listener.DataTransportListener;

/** Records events as text ("established true", "lost", …) and confirmations as tokens. */
public final class RecordingListener implements DataTransportListener {
    public final List<String> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<DataTransportToken> confirmations = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

    public DataTransportToken awaitConfirmation(Duration max) throws InterruptedException {
        DataTransportToken t = confirmations.poll(max.toMillis(), TimeUnit.MILLISECONDS);
        if (t == null) {
            throw new AssertionError("no confirmation within " + max + "; events " + events);
        }
        return t;
    }

    public String awaitArrival(Duration max) throws InterruptedException {
        String a = arrivals.poll(max.toMillis(), TimeUnit.MILLISECONDS);
        if (a == null) {
            throw new AssertionError("no message within " + max + "; events " + events);
        }
        return a;
    }

    public void awaitEvent(String event, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!events.contains(event)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no '" + event + "' within " + max + "; events " + events);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void onConnectionEstablished(boolean newSession) {
        events.add("established " + newSession);
    }

    @Override
    public void onDisconnecting() {
        events.add("disconnecting");
    }

    @Override
    public void onDisconnected() {
        events.add("disconnected");
    }

    @Override
    public void onConfigurationUpdating(boolean wasConnected) {
        events.add("updating " + wasConnected);
    }

    @Override
    public void onConfigurationUpdated(boolean wasConnected) {
        events.add("updated " + wasConnected);
    }

    @Override
    public void onConnectionLost(Throwable cause) {
        events.add("lost");
    }

    @Override
    public void onMessageArrived(String topic, byte[] payload, int qos, boolean retained) {
        events.add("arrived " + topic);
        arrivals.add(topic + " " + new String(payload) + " qos" + qos + (retained ? " retained" : ""));
    }

    @Override
    public void onMessageConfirmed(DataTransportToken token) {
        events.add("confirmed " + token.getMessageId());
        confirmations.add(token);
    }
}
