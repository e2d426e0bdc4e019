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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.kura.gpio.GPIOService;
import org.eclipse.kura.gpio.KuraGPIODirection;
import org.eclipse.kura.gpio.KuraGPIOMode;
import org.eclipse.kura.gpio.KuraGPIOPin;
import org.eclipse.kura.gpio.KuraGPIOTrigger;
import org.eclipse.kura.gpio.PinStatusListener;
import org.junit.jupiter.api.Test;

import io.mqttas.bridge.Pins;
import io.mqttas.testkit.ThreadLeakCheck;

class KuraGpioPinsTest {

    /** Kura's GPIOService stand-in: pins by name or terminal, each wired to the simulated bridge pins. */
    static final class WiredGpio implements GPIOService {
        final Pins wires;
        final List<FakePin> acquired = new CopyOnWriteArrayList<>();

        WiredGpio(Pins wires) {
            this.wires = wires;
        }

        @Override
        public KuraGPIOPin getPinByName(String pinName) {
            return null;
        }

        @Override
        public KuraGPIOPin getPinByName(String name, KuraGPIODirection d, KuraGPIOMode m, KuraGPIOTrigger t) {
            return pin(name, -1, d, m, t);
        }

        @Override
        public KuraGPIOPin getPinByTerminal(int terminal) {
            return null;
        }

        @Override
        public KuraGPIOPin getPinByTerminal(int terminal, KuraGPIODirection d, KuraGPIOMode m, KuraGPIOTrigger t) {
            return pin("GPIO" + terminal, terminal, d, m, t);
        }

        @Override
        public Map<Integer, String> getAvailablePins() {
            return new HashMap<>();
        }

        private KuraGPIOPin pin(String name, int index, KuraGPIODirection d, KuraGPIOMode m, KuraGPIOTrigger t) {
            if (name.equals("GPIO99")) {
                return null; // not on this board
            }
            FakePin p = new FakePin(this, name, index, d, m, t);
            acquired.add(p);
            return p;
        }
    }

    static final class FakePin implements KuraGPIOPin {
        final WiredGpio gpio;
        final String name;
        final int index;
        final KuraGPIODirection direction;
        final KuraGPIOMode mode;
        final KuraGPIOTrigger trigger;
        boolean open;

        FakePin(WiredGpio gpio, String name, int index, KuraGPIODirection d, KuraGPIOMode m, KuraGPIOTrigger t) {
            this.gpio = gpio;
            this.name = name;
            this.index = index;
            this.direction = d;
            this.mode = m;
            this.trigger = t;
        }

        @Override
        public void setValue(boolean active) throws IOException {
            if (!open) {
                throw new IOException("closed");
            }
            switch (name) {
                case "GPIO14" -> gpio.wires.dataOut(active);
                case "GPIO15" -> gpio.wires.clockOut(active);
                default -> throw new IOException("not an output: " + name);
            }
        }

        @Override
        public boolean getValue() throws IOException {
            if (!open) {
                throw new IOException("closed");
            }
            return switch (name) {
                case "GPIO12" -> gpio.wires.clockIn();
                case "GPIO13" -> gpio.wires.dataIn();
                case "RST" -> gpio.wires.resetIn();
                default -> throw new IOException("not an input: " + name);
            };
        }

        @Override
        public void addPinStatusListener(PinStatusListener listener) {
        }

        @Override
        public void removePinStatusListener(PinStatusListener listener) {
        }

        @Override
        public void open() {
            open = true;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public KuraGPIODirection getDirection() {
            return direction;
        }

        @Override
        public KuraGPIOMode getMode() {
            return mode;
        }

        @Override
        public KuraGPIOTrigger getTrigger() {
            return trigger;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public int getIndex() {
            return index;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    @Test
    void linkRunsOverKuraGpioWithTheRightPinModes() throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
        SimulatedWires wires = new SimulatedWires();
        WiredGpio gpio = new WiredGpio(wires.bridgePins());
        KuraGpioPins pins = KuraGpioPins.open(gpio, "12", "13", "15", "14", "RST");
        FakePin reset = gpio.acquired.stream().filter(p -> p.name.equals("RST")).findFirst().orElseThrow();
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
    void missingPinFailsClearlyAndReleasesTheOthers() {
        WiredGpio gpio = new WiredGpio(new SimulatedWires().bridgePins());
        IOException e = assertThrows(IOException.class, () -> KuraGpioPins.open(gpio, "12", "13", "99", "14", ""));
        assertTrue(e.getMessage().contains("'99'") && e.getMessage().contains("clock out"), e.getMessage());
        assertFalse(gpio.acquired.isEmpty());
        assertTrue(gpio.acquired.stream().noneMatch(p -> p.open), "pins acquired before the failure are closed");
        assertNotNull(assertThrows(IOException.class, () -> KuraGpioPins.open(gpio, "", "13", "15", "14", "")));
    }
}
