/* Test host: the SynCom initiator of spec/bridge.md §3 (steps, SYN, padding bit, reset pulse, timeout). */
package io.mqttas.bridge.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's end of the link, written from the spec independently of the bridge's code: step 0
 * drives SYN bit 0 and raises the clock; then (optionally) the reset pulse and the pause; then the
 * initiator steps whenever the bridge's clock equals its phase. After SYN it sends its padding bit
 * (its emptied register), then 7-bit characters. A bit that takes longer than {@code bitTimeout}
 * fails the link and the initiator starts over with a new reset pulse (spec §3.7, with the
 * sync-timeout defect fixed).
 */
final class SynComInitiator implements AutoCloseable {
    private final SimulatedWires.HostPins pins;
    private final long resetMillis;
    private final long pauseMillis;
    private final long bitTimeoutNanos;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> toSend = new ArrayDeque<>();
    final AtomicLong sessions = new AtomicLong();
    final AtomicLong charsReceived = new AtomicLong();
    final AtomicLong charsSent = new AtomicLong();
    private volatile boolean synced;
    private volatile boolean running = true;
    private volatile boolean resetRequested;
    /** A pause after each step, to clock like a MicroPython host (about 1.6 kbit/s) rather than flat out. */
    volatile long stepPauseNanos;
    private final Thread thread;

    SynComInitiator(SimulatedWires.HostPins pins, Duration resetPulse, Duration pause, Duration bitTimeout) {
        this.pins = pins;
        this.resetMillis = resetPulse.toMillis();
        this.pauseMillis = pause.toMillis();
        this.bitTimeoutNanos = bitTimeout.toNanos();
        this.thread = new Thread(this::run, "test-host-initiator");
        this.thread.setDaemon(true);
    }

    SynComInitiator start() {
        thread.start();
        return this;
    }

    /** Queues a record (spec §3.5 transmit rule: characters, then one 0). */
    synchronized void send(String record) {
        toSend.addLast(record);
    }

    /** The next record from the bridge, or null after {@code timeout}. */
    String poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean synced() {
        return synced;
    }

    /** Makes the host start over with a reset pulse (as after a link failure). */
    void requestReset() {
        resetRequested = true;
    }

    void clearReceived() {
        received.clear();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        Shutdown.stop(thread, Duration.ofSeconds(2), org.slf4j.LoggerFactory.getLogger(SynComInitiator.class), "test");
    }

    private void run() {
        while (running) {
            try {
                session();
            } catch (InterruptedException e) {
                // close() or timeout: loop decides
            }
        }
    }

    private synchronized String nextRecord() {
        return toSend.pollFirst();
    }

    private void session() throws InterruptedException {
        if (sessions.incrementAndGet() > 1) {
            synchronized (this) {
                toSend.clear(); // spec §3.7: a new link session starts with empty queues
            }
        }
        synced = false;
        resetRequested = false;
        // step 0: transmit only
        int synShift = SynComPassive.SYN;
        pins.dataOut((synShift & 1) != 0);
        synShift >>= 1;
        boolean phase = true;
        pins.clockOut(true);
        if (resetMillis > 0) {
            pins.reset(false);
            Thread.sleep(resetMillis);
            pins.reset(true);
            Thread.sleep(pauseMillis);
        }
        int window = 0;
        int slot = 0;
        int rx = 0;
        int tx = 0;
        String sending = null;
        int index = 0;
        StringBuilder pending = new StringBuilder();
        long lastStep = System.nanoTime();
        while (running && !resetRequested) {
            if (pins.clockIn() != phase) {
                if (System.nanoTime() - lastStep > bitTimeoutNanos) {
                    pins.clockOut(false);
                    pins.dataOut(false);
                    return; // link failed: start over with a reset
                }
                pins.awaitInputChange(1_000_000);
                continue;
            }
            lastStep = System.nanoTime();
            int bit = pins.dataIn() ? 1 : 0;
            boolean out;
            if (!synced) {
                window = (window | bit << 8) >> 1;
                out = (synShift & 1) != 0;
                synShift >>= 1;
                if (window == SynComPassive.SYN) {
                    synced = true;
                    slot = 0;
                }
            } else {
                rx = (rx | bit << 7) >> 1;
                if (slot == 0) {
                    if (sending == null) {
                        sending = nextRecord();
                        index = 0;
                    }
                    if (sending == null) {
                        tx = 0; // idle
                    } else if (index < sending.length()) {
                        tx = sending.charAt(index++) & 0x7F;
                        charsSent.incrementAndGet();
                    } else {
                        tx = 0; // terminator
                        sending = null;
                        charsSent.incrementAndGet();
                    }
                }
                out = ((tx >> slot) & 1) != 0;
                if (++slot == 7) {
                    slot = 0;
                    if (rx != 0) {
                        pending.append((char) rx);
                        charsReceived.incrementAndGet();
                    } else if (pending.length() > 0) {
                        received.add(pending.toString());
                        pending.setLength(0);
                        charsReceived.incrementAndGet();
                    }
                }
            }
            pins.dataOut(out);
            phase = !phase;
            pins.clockOut(phase);
            if (stepPauseNanos > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(stepPauseNanos);
            }
        }
        pins.clockOut(false);
        pins.dataOut(false);
    }
}
