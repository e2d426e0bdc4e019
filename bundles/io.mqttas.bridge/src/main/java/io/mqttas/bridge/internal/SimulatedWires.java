/* spec/bridge.md §2: the five wires between host and bridge, in memory (tests, benchmarks, self-test). */
package io.mqttas.bridge.internal;

import java.util.concurrent.TimeUnit;

import io.mqttas.bridge.Pins;

/**
 * Five simulated wires, plus the optional sixth from the gateway to the host's reset (issue 12 item 6). {@link #bridgePins()} is the passive end's view, {@link #hostPins()} the
 * initiator's. A write wakes the other side at once, so a simulated link runs as fast as two
 * threads can hand bits to each other. The reset wire idles high (released).
 */
public final class SimulatedWires {
    private boolean hostClock;
    private boolean hostData;
    private boolean bridgeClock;
    private boolean bridgeData;
    private boolean reset = true;
    private final boolean resetOutWired;
    private boolean hostReset = true;
    private long hostResetPulses;
    // Each side counts its writes and remembers the peer's count at its last read, so a change made
    // between a read and the following wait is never missed.
    private long hostWrites;
    private long bridgeWrites;
    private long hostSawBridge;
    private long bridgeSawHost;

    /** Five wires, no reset output. */
    public SimulatedWires() {
        this(false);
    }

    /** With {@code resetOut}, the sixth wire from the gateway to the host's reset too. */
    public SimulatedWires(boolean resetOut) {
        this.resetOutWired = resetOut;
    }

    /** The initiator's (host's) side: drives clock, data and reset; reads the bridge's clock and data. */
    public interface HostPins {
        boolean clockIn();

        boolean dataIn();

        void clockOut(boolean level);

        void dataOut(boolean level);

        void reset(boolean level);

        /** The host's own reset input, driven by the gateway's optional reset output (idles high). */
        boolean resetIn();

        /** Waits up to {@code maxNanos} for the bridge to change an output. */
        void awaitInputChange(long maxNanos) throws InterruptedException;
    }

    public Pins bridgePins() {
        return new Pins() {
            @Override
            public boolean clockIn() {
                synchronized (SimulatedWires.this) {
                    bridgeSawHost = hostWrites;
                    return hostClock;
                }
            }

            @Override
            public boolean dataIn() {
                synchronized (SimulatedWires.this) {
                    bridgeSawHost = hostWrites;
                    return hostData;
                }
            }

            @Override
            public boolean resetIn() {
                synchronized (SimulatedWires.this) {
                    bridgeSawHost = hostWrites;
                    return reset;
                }
            }

            @Override
            public void clockOut(boolean level) {
                synchronized (SimulatedWires.this) {
                    bridgeClock = level;
                    bridgeWrites++;
                    changed();
                }
            }

            @Override
            public void dataOut(boolean level) {
                synchronized (SimulatedWires.this) {
                    bridgeData = level;
                    bridgeWrites++;
                    changed();
                }
            }

            @Override
            public void resetOut(boolean level) {
                synchronized (SimulatedWires.this) {
                    if (hostReset && !level) {
                        hostResetPulses++;
                    }
                    hostReset = level;
                    bridgeWrites++;
                    changed();
                }
            }

            @Override
            public boolean hasResetOut() {
                return resetOutWired;
            }

            @Override
            public void awaitInputChange(long maxNanos) throws InterruptedException {
                awaitBridgeInput(maxNanos);
            }

            @Override
            public void close() {
                synchronized (SimulatedWires.this) {
                    bridgeClock = false;
                    bridgeData = false;
                    bridgeWrites++;
                    changed();
                }
            }
        };
    }

    public HostPins hostPins() {
        return new HostPins() {
            @Override
            public boolean clockIn() {
                synchronized (SimulatedWires.this) {
                    hostSawBridge = bridgeWrites;
                    return bridgeClock;
                }
            }

            @Override
            public boolean dataIn() {
                synchronized (SimulatedWires.this) {
                    hostSawBridge = bridgeWrites;
                    return bridgeData;
                }
            }

            @Override
            public void clockOut(boolean level) {
                synchronized (SimulatedWires.this) {
                    hostClock = level;
                    hostWrites++;
                    changed();
                }
            }

            @Override
            public void dataOut(boolean level) {
                synchronized (SimulatedWires.this) {
                    hostData = level;
                    hostWrites++;
                    changed();
                }
            }

            @Override
            public void reset(boolean level) {
                synchronized (SimulatedWires.this) {
                    reset = level;
                    hostWrites++;
                    changed();
                }
            }

            @Override
            public boolean resetIn() {
                synchronized (SimulatedWires.this) {
                    hostSawBridge = bridgeWrites;
                    return hostReset;
                }
            }

            @Override
            public void awaitInputChange(long maxNanos) throws InterruptedException {
                awaitHostInput(maxNanos);
            }
        };
    }

    /** How often the gateway has pulled the host's reset low. */
    public synchronized long hostResetPulses() {
        return hostResetPulses;
    }

    private void changed() {
        notifyAll();
    }

    private synchronized void awaitBridgeInput(long maxNanos) throws InterruptedException {
        long deadline = System.nanoTime() + maxNanos;
        while (hostWrites == bridgeSawHost) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void awaitHostInput(long maxNanos) throws InterruptedException {
        long deadline = System.nanoTime() + maxNanos;
        while (bridgeWrites == hostSawBridge) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
