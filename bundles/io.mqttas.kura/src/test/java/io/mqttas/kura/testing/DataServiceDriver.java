/*
 * Issue 10 item 8: Kura's DataServiceImpl is not on Maven Central, so this driver plays its part, written
 * from Kura 5.5's documented DataService / DataTransportService / DataTransportListener contract and
 * from how DataServiceImpl uses a transport:
 *  - publish(topic, payload, qos, retain, priority) stores the message and returns an id at once;
 *  - one publisher thread sends stored messages, lowest priority number first and oldest first, only
 *    while transport.isConnected(), at most maxInFlight QoS > 0 messages unconfirmed, and waits for a
 *    signal (a publish, a confirmation, an arrival, a connection) when there is nothing to do — with no
 *    timeout, as DataServiceImpl, so a missing notification stalls it visibly;
 *  - it puts the token publish() returned into its in-flight map only after publish() returned, without
 *    a lock the confirmation waits for (DataServiceImpl's publishInternal and onMessageConfirmed lock
 *    different objects), so an early confirmation is "not tracked";
 *  - onMessageConfirmed(token) confirms the tracked message (to the application, by message id);
 *  - onConnectionEstablished(newSession = true) republishes every message in flight;
 *  - onConnectionLost / onDisconnected start a reconnect task that calls connect() until connected;
 *    onConfigurationUpdating disconnects, onConfigurationUpdated starts the reconnect task.
 */
package io.mqttas.kura.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.data.DataTransportService;
import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.transport.listener.DataTransportListener;

/** A DataService-like store-and-forward driver over a {@link DataTransportService}. */
public final class DataServiceDriver implements DataTransportListener, AutoCloseable {

    /** A stored message; {@code published} once handed to the transport. */
    private static final class Stored {
        final int id;
        final String topic;
        final byte[] payload;
        final int qos;
        final int priority;
        boolean published;

        Stored(int id, String topic, byte[] payload, int qos, int priority) {
            this.id = id;
            this.topic = topic;
            this.payload = payload;
            this.qos = qos;
            this.priority = priority;
        }
    }

    private final DataTransportService transport;
    private final int maxInFlight;
    private final long retryMillis;
    private final TreeMap<Long, Stored> store = new TreeMap<>();        // key: priority << 32 | id
    private final Map<DataTransportToken, Integer> inFlight = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> confirmations = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> qosById = new ConcurrentHashMap<>();
    private final List<Boolean> established = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger untracked = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger connectFailures = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean notifyPending;
    private final ScheduledExecutorService reconnect = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-driver-reconnect"));
    private ScheduledFuture<?> reconnectTask;
    private final Thread publisher;
    private volatile boolean running = true;
    private volatile boolean autoConnect = true;

    public DataServiceDriver(DataTransportService transport, int maxInFlight, long retryMillis) {
        this.transport = transport;
        this.maxInFlight = maxInFlight;
        this.retryMillis = retryMillis;
        transport.addDataTransportListener(this);
        publisher = new Thread(this::publishLoop, "test-driver-publisher");
        publisher.setDaemon(true);
        publisher.start();
    }

    /** DataService.connect(): connect now (throws as the transport does) and keep connected afterwards. */
    public void connect() throws KuraConnectException {
        autoConnect = true;
        if (!transport.isConnected()) {
            transport.connect();
        }
    }

    /** DataService.disconnect(quiesce): no reconnection afterwards until connect(). */
    public void disconnect(long quiesceMillis) {
        autoConnect = false;
        stopReconnect();
        transport.disconnect(quiesceMillis);
    }

    /** DataService.publish: stored; the id confirms it later (QoS > 0). */
    public int publish(String topic, byte[] payload, int qos, int priority) {
        int id = nextId.incrementAndGet();
        synchronized (store) {
            store.put(((long) priority << 32) | id, new Stored(id, topic, payload, qos, priority));
        }
        if (qos > 0) {
            qosById.put(id, qos);
        }
        signal();
        return id;
    }

    private void publishLoop() {
        while (running) {
            boolean sent = false;
            try {
                if (transport.isConnected()) {
                    Stored next = nextUnpublished();
                    if (next != null && !(next.qos > 0 && inFlight.size() >= maxInFlight)) {
                        DataTransportToken token = transport.publish(next.topic, next.payload, next.qos, false);
                        spin();   // DataServiceImpl's bookkeeping between publish() returning and the put (milliseconds on a busy gateway)
                        synchronized (store) {
                            next.published = true;
                            if (token == null) {
                                store.remove(((long) next.priority << 32) | next.id);
                            }
                        }
                        if (token != null) {
                            inFlight.put(token, next.id);
                        }
                        sent = true;
                    }
                }
            } catch (KuraNotConnectedException e) {
                // not connected: wait for a signal, as DataServiceImpl
            } catch (Exception e) {
                throw new IllegalStateException("driver: unexpected failure of publish()", e);
            }
            if (!sent) {
                await();
            }
        }
    }

    private static void spin() {
        long end = System.nanoTime() + 2_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private Stored nextUnpublished() {
        synchronized (store) {
            for (Stored s : store.values()) {
                if (!s.published) {
                    return s;
                }
            }
            return null;
        }
    }

    private void signal() {
        lock.lock();
        try {
            notifyPending = true;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    private void await() {
        lock.lock();
        try {
            while (!notifyPending && running) {
                signal.await();
            }
            notifyPending = false;
        } catch (InterruptedException e) {
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private synchronized void startReconnect() {
        if (!autoConnect || (reconnectTask != null && !reconnectTask.isDone())) {
            return;
        }
        reconnectTask = reconnect.scheduleWithFixedDelay(() -> {
            if (transport.isConnected()) {
                throw new IllegalStateException("connected: the reconnect task ends");   // as Kura's ReconnectTask
            }
            try {
                transport.connect();
            } catch (KuraConnectException e) {
                connectFailures.incrementAndGet();
            }
        }, Math.min(200, retryMillis), retryMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void stopReconnect() {
        if (reconnectTask != null) {
            reconnectTask.cancel(false);
        }
    }

    // ---- DataTransportListener ----

    @Override
    public void onConnectionEstablished(boolean newSession) {
        established.add(newSession);
        if (newSession) {
            synchronized (store) {
                for (Integer id : inFlight.values()) {
                    for (Stored s : store.values()) {
                        if (s.id == id) {
                            s.published = false;
                        }
                    }
                }
                inFlight.clear();
            }
        }
        signal();
    }

    @Override
    public void onDisconnecting() {
    }

    @Override
    public void onDisconnected() {
        startReconnect();
    }

    @Override
    public void onConfigurationUpdating(boolean wasConnected) {
        transport.disconnect(0);
    }

    @Override
    public void onConfigurationUpdated(boolean wasConnected) {
        startReconnect();
    }

    @Override
    public void onConnectionLost(Throwable cause) {
        lost.incrementAndGet();
        stopReconnect();
        startReconnect();
    }

    @Override
    public void onMessageArrived(String topic, byte[] payload, int qos, boolean retained) {
        arrived.add(topic + " " + new String(payload) + " qos" + qos);
        signal();
    }

    @Override
    public synchronized void onMessageConfirmed(DataTransportToken token) {
        Integer id = inFlight.remove(token);
        if (id == null) {
            untracked.incrementAndGet();
        } else {
            synchronized (store) {
                store.values().removeIf(s -> s.id == id);
            }
            confirmations.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
        signal();
    }

    // ---- what the test asks ----

    /** QoS > 0 message ids not confirmed yet. */
    public List<Integer> unconfirmed() {
        List<Integer> ids = new ArrayList<>();
        for (Integer id : qosById.keySet()) {
            if (!confirmations.containsKey(id)) {
                ids.add(id);
            }
        }
        ids.sort(null);
        return ids;
    }

    /** Message ids confirmed more than once (must be empty). */
    public List<Integer> confirmedTwice() {
        List<Integer> ids = new ArrayList<>();
        confirmations.forEach((id, n) -> {
            if (n.get() != 1) {
                ids.add(id);
            }
        });
        return ids;
    }

    public int confirmed() {
        return confirmations.size();
    }

    /** Confirmations whose token was not (yet) in the in-flight map: a lost confirmation for DataServiceImpl. */
    public int untracked() {
        return untracked.get();
    }

    public List<Boolean> established() {
        return established;
    }

    public int connectionsLost() {
        return lost.get();
    }

    public int connectFailures() {
        return connectFailures.get();
    }

    public List<String> arrived() {
        return arrived;
    }

    public int storedCount() {
        synchronized (store) {
            return store.size();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        signal();
        publisher.join(5000);
        reconnect.shutdownNow();
        reconnect.awaitTermination(5, TimeUnit.SECONDS);
        transport.removeDataTransportListener(this);
    }
}
