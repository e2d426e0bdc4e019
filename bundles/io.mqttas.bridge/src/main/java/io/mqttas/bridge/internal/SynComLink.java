/* spec/bridge.md §3 (link layer, passive end), §3.7 (failure and restart), §12 (reset as an input). */
package io.mqttas.bridge.internal;

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
 * <li>Stall: if the host's clock stops for {@code stallTimeoutNanos} after at least two steps since
 * the last restart (0 = never, as the original), the link restarts the same way (covers hosts
 * without a reset wire).</li>
 * <li>Any exception from the pins is logged, the outputs are driven low and the link restarts
 * after a short pause; the thread ends only on {@link #close()}.</li>
 * </ul>
 */
public final class SynComLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(SynComLink.class);
    private static final long ERROR_PAUSE_MS = 100;
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long QUIET_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String name;
    private final Pins pins;
    private final long stallTimeoutNanos;
    private final long idleWaitNanos;
    private final LinkCounters counters = new LinkCounters();
    private final OutboundQueue outbound;
    private final RecordAssembler assembler;
    private final SynComPassive machine;
    private volatile Events events;
    private volatile boolean running;
    private volatile String state = "NEW";
    private Thread thread;

    // transmit side of the character port, touched only by the link thread
    private String sending;
    private int sendIndex;

    public SynComLink(String name, Pins pins, int maxMessageLength, int txQueueLength, long stallTimeoutMillis,
            long idleWaitMicros) {
        this.name = name;
        this.pins = pins;
        this.stallTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(stallTimeoutMillis);
        this.idleWaitNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(1, idleWaitMicros));
        this.outbound = new OutboundQueue(name, txQueueLength, counters);
        this.assembler = new RecordAssembler(name, maxMessageLength, this::deliver, counters);
        this.machine = new SynComPassive(new SynComPassive.CharPort() {
            @Override
            public int nextCharToSend() {
                return nextChar();
            }

            @Override
            public void charReceived(int c) {
                assembler.accept(c);
            }
        });
    }

    @Override
    public synchronized void start(Events events) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        this.events = events;
        running = true;
        thread = new Thread(this::run, "mqttas-bridge-link-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean send(String record, boolean droppable) {
        return outbound.offer(record, droppable);
    }

    @Override
    public String describe() {
        return "syncom";
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public LinkCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("bridge {}: link thread did not stop within 2 s", name);
            }
        }
        try {
            pins.close();
        } catch (RuntimeException e) {
            LOG.warn("bridge {}: closing pins failed: {}", name, e.toString());
        }
        state = "CLOSED";
    }

    private void run() {
        LOG.info("bridge {}: SynCom link started (passive end)", name);
        restart("start");
        long lastStep = System.nanoTime();
        boolean inReset = false;
        while (running) {
            try {
                if (!pins.resetIn()) {
                    if (!inReset) {
                        inReset = true;
                        state = "RESET";
                        restart("reset pulse");
                    }
                    pins.awaitInputChange(Math.max(idleWaitNanos, QUIET_WAIT_NANOS)); // held in reset
                    continue;
                }
                if (inReset) {
                    inReset = false;
                    state = "SYNCING";
                    lastStep = System.nanoTime();
                    LOG.debug("bridge {}: reset released, awaiting SYN", name);
                }
                if (machine.mayStep(pins.clockIn())) {
                    boolean out = machine.step(pins.dataIn());
                    pins.dataOut(out);
                    pins.clockOut(machine.phase());
                    lastStep = System.nanoTime();
                    if (machine.synced() && !"SYNCED".equals(state)) {
                        state = "SYNCED";
                        LOG.info("bridge {}: link synchronised after {} steps", name, machine.steps());
                    }
                } else if (stallTimeoutNanos > 0 && machine.steps() > 1
                        && System.nanoTime() - lastStep > stallTimeoutNanos) {
                    // steps > 1: a host that died with its clock high gives one step after each
                    // restart; that alone must not make the link restart again and again.
                    LOG.warn("bridge {}: host clock stalled for more than {} ms; restarting the link", name,
                            TimeUnit.NANOSECONDS.toMillis(stallTimeoutNanos));
                    restart("stall");
                    lastStep = System.nanoTime();
                } else {
                    // A live host clocks continuously (idle characters too); when it has been quiet
                    // for a while (no host, or held in reset) poll less often to spare the CPU.
                    boolean quiet = System.nanoTime() - lastStep > QUIET_NANOS;
                    pins.awaitInputChange(quiet ? Math.max(idleWaitNanos, QUIET_WAIT_NANOS) : idleWaitNanos);
                }
            } catch (InterruptedException e) {
                if (running) {
                    LOG.warn("bridge {}: link thread interrupted while running; carrying on", name);
                }
            } catch (Throwable e) { // never let the link thread die: log, restart, carry on
                counters.lastError = "link error: " + e;
                LOG.error("bridge {}: link error, restarting the link", name, e);
                restart("error");
                pause();
                lastStep = System.nanoTime();
            }
        }
        driveLow();
        LOG.info("bridge {}: SynCom link stopped", name);
    }

    /** Spec §3.7 and §12: outputs low, state machine and queues cleared, protocol told. */
    private void restart(String reason) {
        driveLow();
        machine.restart();
        assembler.clear();
        outbound.clear();
        sending = null;
        sendIndex = 0;
        counters.restarts.incrementAndGet();
        if (!"RESET".equals(state)) {
            state = "SYNCING";
        }
        Events e = events;
        if (e != null) {
            try {
                e.onRestart(reason);
            } catch (RuntimeException ex) {
                LOG.error("bridge {}: restart handler failed", name, ex);
            }
        }
    }

    private void driveLow() {
        try {
            pins.clockOut(false);
            pins.dataOut(false);
        } catch (Exception e) {
            LOG.warn("bridge {}: cannot drive outputs low: {}", name, e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE_MS);
        } catch (InterruptedException e) {
            // close() interrupts; the loop condition decides
        }
    }

    private void deliver(String record) {
        Events e = events;
        if (e != null) {
            e.onRecord(record);
        }
    }

    /** Spec §3.5 transmit rule: the record's characters, one 0, then the next record; 0 when idle. */
    private int nextChar() {
        if (sending == null) {
            sending = outbound.poll();
            sendIndex = 0;
            if (sending == null) {
                return 0;
            }
        }
        counters.charsOut.incrementAndGet();
        if (sendIndex < sending.length()) {
            return sending.charAt(sendIndex++) & 0x7F;
        }
        sending = null;
        counters.recordsOut.incrementAndGet();
        return 0;
    }
}
