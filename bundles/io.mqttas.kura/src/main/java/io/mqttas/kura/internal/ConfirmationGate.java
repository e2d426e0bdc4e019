/*
 * Issue 10 item 1 (DataTransportToken semantics): Kura's DataServiceImpl puts the token publish()
 * returned into its in-flight map only after publish() has returned, and it does not hold a lock that
 * onMessageConfirmed waits for (publishInternal and onMessageConfirmed synchronize on different
 * objects). A PUBACK from a broker on the LAN can arrive before that put; a confirmation delivered then
 * is "not tracked" and the message stays in flight until the next new session. This gate holds each
 * confirmation until the publishing thread is past that point.
 */
package io.mqttas.kura.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.kura.data.DataTransportToken;

/**
 * Releases the confirmation of a token once (a) the broker acknowledged it, (b) {@code publish()} returned
 * it, and (c) the thread that called {@code publish()} came back into the transport (any call), is
 * parked or waiting (not inside the caller's bookkeeping, which never waits), has ended, is the
 * releasing thread itself (a listener callback that published has returned), or
 * {@link #GRACE_NANOS} passed since the return. Each token is released at most once; abandoned tokens
 * (the connection they belong to was given up) are dropped.
 */
final class ConfirmationGate {
    static final long GRACE_NANOS = 200_000_000L;

    /** Counts a thread's calls into the transport; read by the gate for tokens that thread published. */
    private final ThreadLocal<AtomicLong> calls = ThreadLocal.withInitial(AtomicLong::new);

    private static final class Pending {
        final Thread publisher;
        final AtomicLong publisherCalls;
        long callsAtReturn = -1;      // -1: publish() has not returned yet
        long returnedAt;
        boolean acknowledged;

        Pending(Thread publisher, AtomicLong publisherCalls) {
            this.publisher = publisher;
            this.publisherCalls = publisherCalls;
        }
    }

    private final Map<DataTransportToken, Pending> pending = new LinkedHashMap<>();

    /** Every public call into the transport calls this first, on the caller's thread. */
    void entered() {
        calls.get().incrementAndGet();
    }

    /** publish() is about to hand {@code token} to the client (on the publishing thread). */
    synchronized void issued(DataTransportToken token) {
        pending.put(token, new Pending(Thread.currentThread(), calls.get()));
    }

    /** The last thing publish() does before returning {@code token}. */
    synchronized void returned(DataTransportToken token, long nowNanos) {
        Pending p = pending.get(token);
        if (p != null) {
            p.callsAtReturn = p.publisherCalls.get();
            p.returnedAt = nowNanos;
        }
    }

    /** The broker acknowledged {@code token} (any thread). */
    synchronized void acknowledged(DataTransportToken token) {
        Pending p = pending.get(token);
        if (p != null) {
            p.acknowledged = true;
        }
    }

    /** The publication will not be acknowledged in this session: forget it. */
    synchronized void abandoned(DataTransportToken token) {
        pending.remove(token);
    }

    /** Forgets every token (a new session begins: the caller republishes what was in flight). */
    synchronized void clear() {
        pending.clear();
    }

    /** Tokens still awaiting the broker or the caller. */
    synchronized int size() {
        return pending.size();
    }

    /** True if some acknowledged token waits only for its publisher (the dispatcher then polls briefly). */
    synchronized boolean holding() {
        for (Pending p : pending.values()) {
            if (p.acknowledged) {
                return true;
            }
        }
        return false;
    }

    /** Removes and returns the tokens whose confirmation may be delivered now, in publication order. */
    synchronized List<DataTransportToken> release(long nowNanos) {
        List<DataTransportToken> ready = new ArrayList<>();
        for (Iterator<Map.Entry<DataTransportToken, Pending>> it = pending.entrySet().iterator(); it.hasNext();) {
            Map.Entry<DataTransportToken, Pending> e = it.next();
            Pending p = e.getValue();
            if (p.acknowledged && p.callsAtReturn >= 0 && publisherIsPast(p, nowNanos)) {
                ready.add(e.getKey());
                it.remove();
            }
        }
        return ready;
    }

    private static boolean publisherIsPast(Pending p, long nowNanos) {
        if (p.publisherCalls.get() > p.callsAtReturn || nowNanos - p.returnedAt >= GRACE_NANOS
                || p.publisher == Thread.currentThread()) {   // published from a listener callback, which has returned
            return true;
        }
        Thread.State s = p.publisher.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.TERMINATED;
    }
}
