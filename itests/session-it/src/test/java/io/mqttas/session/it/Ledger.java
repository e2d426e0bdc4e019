/*
 * Test helper (issue 9 items 13, 17): counts sequence-numbered messages ("<prefix><n>") that
 * arrived at one end — distinct, duplicates, and which are missing — so a run can state "0 lost,
 * N duplicates" with evidence instead of a guess.
 */
package io.mqttas.session.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Thread-safe tally of messages numbered 0..size-1. */
final class Ledger {
    private final String prefix;
    private final int[] copies;
    private long distinct;
    private long total;
    private long foreign;

    Ledger(String prefix, int size) {
        this.prefix = prefix;
        this.copies = new int[size];
    }

    static String payload(String prefix, int n) {
        return prefix + n;
    }

    /** "<prefix><n>:" padded with 'x' to {@code size} bytes: the number survives any padding. */
    static byte[] padded(String prefix, int n, int size) {
        byte[] head = (prefix + n + ":").getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[Math.max(size, head.length)];
        java.util.Arrays.fill(p, (byte) 'x');
        System.arraycopy(head, 0, p, 0, head.length);
        return p;
    }

    void add(byte[] payload) {
        int end = 0;
        while (end < payload.length && end < 24 && payload[end] != ':') {
            end++;
        }
        add(new String(payload, 0, end, StandardCharsets.UTF_8));
    }

    synchronized void add(String payload) {
        total++;
        int n = -1;
        if (payload.startsWith(prefix)) {
            int colon = payload.indexOf(':');
            try {
                n = Integer.parseInt(payload.substring(prefix.length(), colon < 0 ? payload.length() : colon));
            } catch (NumberFormatException e) {
                n = -1;
            }
        }
        if (n < 0 || n >= copies.length) {
            foreign++;
            return;
        }
        if (copies[n]++ == 0) {
            distinct++;
        }
        notifyAll();
    }

    synchronized long distinct() {
        return distinct;
    }

    /** Copies beyond the first, over all numbers. */
    synchronized long duplicates() {
        return total - foreign - distinct;
    }

    /** Payloads that were not "<prefix><n>" with n in range (should be none). */
    synchronized long foreign() {
        return foreign;
    }

    /** Numbers below {@code upTo} that never arrived (at most {@code max} of them). */
    synchronized List<Integer> missing(int upTo, int max) {
        return missingUnlocked(upTo, max);
    }

    synchronized int copiesOf(int n) {
        return copies[n];
    }

    /** Waits until {@code n} distinct numbers arrived; false at the deadline. */
    synchronized boolean awaitDistinct(long n, java.time.Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (distinct < n) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 200));
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return distinct + " of " + copies.length + " distinct, " + duplicates() + " duplicates"
                + (foreign > 0 ? ", " + foreign + " foreign" : "") + (distinct < copies.length ? ", first missing "
                + missingUnlocked(copies.length, 10) : "");
    }

    private List<Integer> missingUnlocked(int upTo, int max) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < Math.min(upTo, copies.length) && out.size() < max; i++) {
            if (copies[i] == 0) {
                out.add(i);
            }
        }
        return out;
    }
}
