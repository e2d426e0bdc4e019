/*
 * spec/bridge.md §3 (link layer, passive end), §3.7 (failure and restart), §12 (reset as an input);
 * issue 12 items 6 (reset output to the host) and 7 (idle polling backs off).
 */
package io.mqttas.bridge.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.bridge.Pins;

/**
 * Runs the passive SynCom end over {@link Pins} on its own thread ({@code mqttas-bridge-link-NAME}).
 * The loop never blocks on anything but the pins: records come from and go to queues.
 *
 * <ul>
 * <li>Reset input low: outputs (clock and data) are held low, the state machine and both queues
 * are cleared and the protocol is told to restart, once per pulse. When the line is released the
 * link waits for the host's first clock edge — well inside the host's 1 s pause.</li>
 * <li>Stall: if the host's clock stops for {@code stallTimeoutMillis} after at least two steps since
 * the last restart (0 = never, as the original), the link restarts the same way (covers hosts
 * without a reset wire).</li>
 * <li>Polling: while the host clocks, the inputs are polled every {@code idleWaitMicros}; once its
 * clock has been idle for 10 ms the pause doubles per poll up to {@code idleMaxWaitMillis} (at most
 * 50 ms, so the host's 100 ms reset pulse is always seen; the host waits up to 10 s per bit, so the
 * first edge after a pause costs it nothing that matters). While the host clocks, the reset input
 * is sampled every 10 ms rather than on every poll.</li>
 * <li>Reset output (optional wire to the host's reset): pulsed low for 100 ms when the link starts,
 * so a host that gave up waiting for SYN (the original does, about 11 s after its own reset, and
 * then waits for ever) starts over.</li>
 * <li>Any exception from the pins is logged, the outputs are driven low and the link restarts
 * after a short pause; the thread ends only on {@link #close()}.</li>
 * </ul>
 */
public final class SynComLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(SynComLink.class);
    private static final long ERROR_PAUSE_MS = 100;
    /** No clock edge for this long: the host's clock is idle. */
    private static final long ACTIVE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** While the host clocks, how often the reset input is sampled (its pulse lasts 100 ms). */
    private static final long RESET_SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The longest idle poll allowed: a 100 ms reset pulse is sampled at least twice. */
    public static final long MAX_IDLE_WAIT_MILLIS = 50;
    public static final long DEFAULT_IDLE_MAX_WAIT_MILLIS = 20;
    /** Low time of the pulse on the reset output (the original host's own pulse, spec §3.3). */
    static final long RESET_OUT_PULSE_MS = 100;

    private final String name;
    private final Pins pins;
    private final long stallTimeoutNanos;
    private final long idleWaitNanos;
    private final long idleMaxWaitNanos;
    private final LinkCore core;
    private final SynComPassive machine;
    private volatile boolean running;
    private Thread thread;
    private long lastSyncLog; // link thread only

    // transmit side of the character port, touched only by the link thread
    private String sending;
    private int sendIndex;

    public SynComLink(String name, Pins pins, int maxMessageLength, int txQueueLength, long stallTimeoutMillis,
            long idleWaitMicros) {
        this(name, pins, maxMessageLength, txQueueLength, stallTimeoutMillis, idleWaitMicros,
                DEFAULT_IDLE_MAX_WAIT_MILLIS);
    }

    public SynComLink(String name, Pins pins, int maxMessageLength, int txQueueLength, long stallTimeoutMillis,
            long idleWaitMicros, long idleMaxWaitMillis) {
        if (idleMaxWaitMillis < 0 || idleMaxWaitMillis > MAX_IDLE_WAIT_MILLIS) {
            throw new IllegalArgumentException("idle_max_wait_ms must be 0.." + MAX_IDLE_WAIT_MILLIS
                    + " (the host's 100 ms reset pulse must be seen), got " + idleMaxWaitMillis);
        }
        this.name = name;
        this.pins = pins;
        this.stallTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(stallTimeoutMillis);
        this.idleWaitNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(1, idleWaitMicros));
        this.idleMaxWaitNanos = Math.max(idleWaitNanos, TimeUnit.MILLISECONDS.toNanos(idleMaxWaitMillis));
        this.core = new LinkCore(name, maxMessageLength, txQueueLength);
        this.machine = new SynComPassive(new SynComPassive.CharPort() {
            @Override
            public int nextCharToSend() {
                return nextChar();
            }

            @Override
            public void charReceived(int c) {
                core.accept(c);
            }
        });
    }

    @Override
    public synchronized void start(Events events) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        core.attach(events);
        running = true;
        thread = new Thread(this::run, "mqttas-bridge-link-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean send(String record, boolean droppable) {
        return core.send(record, droppable);
    }

    @Override
    public void discardQueued() {
        core.discardQueued();
    }

    @Override
    public String describe() {
        return "syncom";
    }

    @Override
    public String state() {
        return core.state();
    }

    @Override
    public LinkCounters counters() {
        return core.counters();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        Shutdown.stop(t, Duration.ofSeconds(2), LOG, name);
        try {
            pins.close();
        } catch (RuntimeException e) {
            LOG.warn("bridge {}: closing pins failed: {}", name, e.toString());
        }
        core.state("CLOSED");
    }

    private void run() {
        LOG.info("bridge {}: SynCom link started (passive end)", name);
        restart("start");
        pulseHostReset();
        long lastStep = System.nanoTime();
        long lastResetSample = lastStep - RESET_SAMPLE_NANOS;
        long wait = idleWaitNanos;
        boolean inReset = false;
        while (running) {
            try {
                long now = System.nanoTime();
                boolean active = now - lastStep < ACTIVE_NANOS;
                if (!active || inReset || now - lastResetSample >= RESET_SAMPLE_NANOS) {
                    lastResetSample = now;
                    if (!pins.resetIn()) {
                        if (!inReset) {
                            inReset = true;
                            core.state("RESET");
                            restart("reset pulse");
                        }
                        wait = Math.min(idleMaxWaitNanos, wait * 2);
                        pins.awaitInputChange(wait); // held in reset
                        continue;
                    }
                    if (inReset) {
                        inReset = false;
                        core.state("SYNCING");
                        lastStep = now;
                        wait = idleWaitNanos;
                        LOG.debug("bridge {}: reset released, awaiting SYN", name);
                    }
                }
                if (machine.mayStep(pins.clockIn())) {
                    boolean out = machine.step(pins.dataIn());
                    pins.dataOut(out);
                    pins.clockOut(machine.phase());
                    lastStep = System.nanoTime();
                    wait = idleWaitNanos;
                    if (machine.synced() && !"SYNCED".equals(core.state())) {
                        core.state("SYNCED");
                        logSynchronised();
                    }
                } else if (stallTimeoutNanos > 0 && machine.steps() > 1 && now - lastStep > stallTimeoutNanos) {
                    // steps > 1: a host that died with its clock high gives one step after each
                    // restart; that alone must not make the link restart again and again.
                    LOG.warn("bridge {}: host clock stalled for more than {} ms; restarting the link", name,
                            TimeUnit.NANOSECONDS.toMillis(stallTimeoutNanos));
                    restart("stall");
                    lastStep = System.nanoTime();
                } else {
                    if (!active) {
                        wait = Math.min(idleMaxWaitNanos, wait * 2);
                    }
                    pins.awaitInputChange(wait);
                }
            } catch (InterruptedException e) {
                if (running) {
                    LOG.warn("bridge {}: link thread interrupted while running; carrying on", name);
                }
            } catch (Throwable e) { // never let the link thread die: log, restart, carry on
                core.counters().lastError = "link error: " + e;
                LOG.error("bridge {}: link error, restarting the link", name, e);
                restart("error");
                pause(ERROR_PAUSE_MS);
                lastStep = System.nanoTime();
            }
        }
        driveLow();
        LOG.info("bridge {}: SynCom link stopped", name);
    }

    /** INFO at most once a minute: a host in a reset loop synchronises every second or so. */
    private void logSynchronised() {
        long now = System.nanoTime();
        if (lastSyncLog == 0 || now - lastSyncLog > TimeUnit.MINUTES.toNanos(1)) {
            lastSyncLog = now;
            LOG.info("bridge {}: link synchronised after {} steps (logged at most once a minute)", name,
                    machine.steps());
        } else {
            LOG.debug("bridge {}: link synchronised after {} steps", name, machine.steps());
        }
    }

    /** Item 6: the host's reset low for 100 ms, then released; the link is ready before the host restarts. */
    private void pulseHostReset() {
        if (!pins.hasResetOut()) {
            return;
        }
        try {
            pins.resetOut(false);
            pause(RESET_OUT_PULSE_MS);
        } catch (Exception e) {
            LOG.warn("bridge {}: cannot pulse the host's reset: {}", name, e.toString());
        } finally {
            try {
                pins.resetOut(true);
            } catch (Exception e) {
                LOG.warn("bridge {}: cannot release the host's reset: {}", name, e.toString());
            }
        }
        LOG.info("bridge {}: pulsed the host's reset ({} ms) so it starts over with this link", name,
                RESET_OUT_PULSE_MS);
    }

    /** Spec §3.7 and §12: outputs low, state machine and queues cleared, protocol told. */
    private void restart(String reason) {
        driveLow();
        machine.restart();
        sending = null;
        sendIndex = 0;
        if (!"RESET".equals(core.state())) {
            core.state("SYNCING");
        }
        core.restart(reason);
    }

    private void driveLow() {
        try {
            pins.clockOut(false);
            pins.dataOut(false);
        } catch (Exception e) {
            LOG.warn("bridge {}: cannot drive outputs low: {}", name, e.toString());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // close() interrupts; the loop condition decides
        }
    }

    /** Spec §3.5 transmit rule: the record's characters, one 0, then the next record; 0 when idle. */
    private int nextChar() {
        if (sending == null) {
            sending = core.outbound().poll();
            sendIndex = 0;
            if (sending == null) {
                return 0;
            }
        }
        core.counters().charsOut.incrementAndGet();
        if (sendIndex < sending.length()) {
            return sending.charAt(sendIndex++) & 0x7F;
        }
        sending = null;
        core.counters().recordsOut.incrementAndGet();
        return 0;
    }
}
