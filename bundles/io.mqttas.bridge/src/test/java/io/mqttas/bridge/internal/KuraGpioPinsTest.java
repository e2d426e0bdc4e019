/*
 * spec/bridge.md §2 and §12 on Kura: the passive link over KuraGpioPins, with a stand-in for Kura's
 * GPIOService whose pins are simulated wires, driven by the simulated initiator host.
 */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.eclipse.kura.gpio.KuraGPIODirection;
import org.eclipse.kura.gpio.KuraGPIOMode;
import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class KuraGpioPinsTest {

    @Test
    void linkRunsOverKuraGpioWithTheRightPinModes() throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
        SimulatedWires wires = new SimulatedWires();
        WiredGpio gpio = new WiredGpio(wires.bridgePins());
        KuraGpioPins pins = KuraGpioPins.open(gpio, "12", "13", "15", "14", "RST");
        WiredGpio.Pin reset = gpio.acquired.stream().filter(p -> p.name.equals("RST")).findFirst().orElseThrow();
        assertEquals(KuraGPIOMode.INPUT_PULL_UP, reset.mode, "the host drives reset open-drain");
        assertEquals(KuraGPIOMode.INPUT_PULL_DOWN, gpio.acquired.get(0).mode);
        assertEquals(KuraGPIODirection.OUTPUT, gpio.acquired.get(2).direction);
        RecordingEvents events = new RecordingEvents();
        SynComLink link = new SynComLink("gpio", pins, 4096, 16, 0, 50);
        link.start(events);
        try (SynComInitiator host = new SynComInitiator(wires.hostPins(), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5)).start()) {
            assertEquals("start", events.restart(Duration.ofSeconds(5)));
            assertEquals("reset pulse", events.restart(Duration.ofSeconds(5)), "reset read through the GPIO pin");
            host.send("m");
            assertEquals("m", events.record(Duration.ofSeconds(10)));
            link.send(Records.status(5), false);
            assertEquals(Records.status(5), host.poll(Duration.ofSeconds(10)));
        } finally {
            link.close();
        }
        assertTrue(gpio.acquired.stream().noneMatch(p -> p.open), "every pin closed");
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    @Test
    void resetOutputIsOpenDrainWherePossibleElsePushPull() throws Exception {
        SimulatedWires wires = new SimulatedWires(true);
        WiredGpio gpio = new WiredGpio(wires.bridgePins());
        try (KuraGpioPins pins = KuraGpioPins.open(gpio, "12", "13", "15", "14", "RST", "RUN")) {
            WiredGpio.Pin run = gpio.acquired.stream().filter(p -> p.name.equals("RUN")).findFirst().orElseThrow();
            assertEquals(KuraGPIOMode.OUTPUT_OPEN_DRAIN, run.mode);
            assertTrue(pins.hasResetOut());
            assertTrue(wires.hostPins().resetIn(), "released at once after opening");
            pins.resetOut(false);
            assertFalse(wires.hostPins().resetIn());
            pins.resetOut(true);
            assertEquals(1, wires.hostResetPulses());
        }
        WiredGpio sysfs = new WiredGpio(wires.bridgePins());
        sysfs.noOpenDrain = true;
        try (KuraGpioPins pins = KuraGpioPins.open(sysfs, "12", "13", "15", "14", "RST", "RUN")) {
            WiredGpio.Pin run = sysfs.acquired.stream().filter(p -> p.name.equals("RUN") && p.open).findFirst()
                    .orElseThrow();
            assertEquals(KuraGPIOMode.OUTPUT_PUSH_PULL, run.mode, "falls back to push-pull (docs: series resistor)");
            assertTrue(pins.hasResetOut());
        }
        try (KuraGpioPins none = KuraGpioPins.open(new WiredGpio(wires.bridgePins()), "12", "13", "15", "14", "RST")) {
            assertFalse(none.hasResetOut());
        }
    }

    @Test
    void missingPinFailsClearlyAndReleasesTheOthers() {
        WiredGpio gpio = new WiredGpio(new SimulatedWires().bridgePins());
        IOException e = assertThrows(IOException.class, () -> KuraGpioPins.open(gpio, "12", "13", "99", "14", ""));
        assertTrue(e.getMessage().contains("'99'") && e.getMessage().contains("clock out"), e.getMessage());
        assertFalse(gpio.acquired.isEmpty());
        assertTrue(gpio.acquired.stream().noneMatch(p -> p.open), "pins acquired before the failure are closed");
        assertNotNull(assertThrows(IOException.class, () -> KuraGpioPins.open(gpio, "", "13", "15", "14", "")));
    }
}
