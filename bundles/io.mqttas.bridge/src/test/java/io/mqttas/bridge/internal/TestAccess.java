/* Test helper: lets the scenario tests (another package) use the package-private test host. */
package io.mqttas.bridge.internal;

import java.time.Duration;

public final class TestAccess {
    private TestAccess() {
    }

    /** The spec §3 initiator (test code) over simulated wires, as a scenario host end. */
    public static final class SynComHost implements AutoCloseable {
        private final SynComInitiator initiator;

        public SynComHost(SimulatedWires wires, Duration resetPulse, Duration pause) {
            initiator = new SynComInitiator(wires.hostPins(), resetPulse, pause, Duration.ofSeconds(10)).start();
        }

        public void send(String record) {
            initiator.send(record);
        }

        public String poll(Duration timeout) throws InterruptedException {
            return initiator.poll(timeout);
        }

        public boolean synced() {
            return initiator.synced();
        }

        /** As the host after a link failure: clear queues, pulse reset, SYN again. */
        public void resetPulse() {
            initiator.requestReset();
        }

        public long sessions() {
            return initiator.sessions.get();
        }

        @Override
        public void close() throws InterruptedException {
            initiator.close();
        }
    }
}
