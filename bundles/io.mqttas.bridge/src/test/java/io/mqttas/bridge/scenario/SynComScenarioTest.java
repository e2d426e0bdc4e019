/* The scenarios over the five simulated wires, bit by bit, with the host's real reset timing. */
package io.mqttas.bridge.scenario;

import java.time.Duration;

import io.mqttas.bridge.internal.Link;
import io.mqttas.bridge.internal.SimulatedWires;
import io.mqttas.bridge.internal.SynComLink;
import io.mqttas.bridge.internal.TestAccess;

class SynComScenarioTest extends BridgeScenarios {
    private final SimulatedWires wires = new SimulatedWires();

    @Override
    Link bridgeLink(String name) {
        return new SynComLink(name, wires.bridgePins(), 4096, 64, 5000, 50);
    }

    @Override
    HostEnd hostEnd() {
        // spec §3.3: reset low for 100 ms, then the host waits 1 s before clocking
        TestAccess.SynComHost h = new TestAccess.SynComHost(wires, Duration.ofMillis(100), Duration.ofSeconds(1));
        return new HostEnd() {
            @Override
            public void send(String record) {
                h.send(record);
            }

            @Override
            public String next(Duration timeout) throws InterruptedException {
                return h.poll(timeout);
            }

            @Override
            public void restart() throws InterruptedException {
                long before = h.sessions();
                h.resetPulse();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while ((h.sessions() == before || !h.synced()) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                while (h.poll(Duration.ofMillis(50)) != null) {
                    // records of the old link session
                }
            }

            @Override
            public void close() throws InterruptedException {
                h.close();
            }
        };
    }
}
