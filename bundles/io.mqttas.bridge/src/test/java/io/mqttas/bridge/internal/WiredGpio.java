/*
 * Test part: a stand-in for Kura's GPIOService whose pins are the simulated SynCom wires (spec §2),
 * optionally with a cost per pin call (the GPIO benchmark). Pins by name or terminal ("GPIO" + n);
 * GPIO99 does not exist.
 */
package io.mqttas.bridge.internal;

import java.io.IOException;
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

import io.mqttas.bridge.Pins;

final class WiredGpio implements GPIOService {
    /** What a pin is wired to. */
    enum Role {
        CLOCK_IN, DATA_IN, RESET_IN, CLOCK_OUT, DATA_OUT, RESET_OUT
    }

    /** Paid before every pin read or write. */
    interface Cost {
        void pay() throws IOException;
    }

    /** The ESP8266's pin numbers and a reset pin named RST. */
    static final Map<String, Role> ESP8266 = Map.of("GPIO12", Role.CLOCK_IN, "GPIO13", Role.DATA_IN, "GPIO14",
            Role.DATA_OUT, "GPIO15", Role.CLOCK_OUT, "RST", Role.RESET_IN, "RUN", Role.RESET_OUT);

    final Pins wires;
    final Map<String, Role> roles;
    final Cost cost;
    final List<Pin> acquired = new CopyOnWriteArrayList<>();
    /** Like sysfs: no open-drain outputs. */
    volatile boolean noOpenDrain;

    WiredGpio(Pins wires) {
        this(wires, ESP8266, () -> { });
    }

    WiredGpio(Pins wires, Map<String, Role> roles, Cost cost) {
        this.wires = wires;
        this.roles = roles;
        this.cost = cost;
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
        Pin p = new Pin(this, name, index, d, m, t);
        acquired.add(p);
        return p;
    }

    static final class Pin implements KuraGPIOPin {
        final WiredGpio gpio;
        final String name;
        final int index;
        final KuraGPIODirection direction;
        final KuraGPIOMode mode;
        final KuraGPIOTrigger trigger;
        boolean open;

        Pin(WiredGpio gpio, String name, int index, KuraGPIODirection d, KuraGPIOMode m, KuraGPIOTrigger t) {
            this.gpio = gpio;
            this.name = name;
            this.index = index;
            this.direction = d;
            this.mode = m;
            this.trigger = t;
        }

        private Role role() throws IOException {
            if (!open) {
                throw new IOException("closed");
            }
            gpio.cost.pay();
            Role r = gpio.roles.get(name);
            if (r == null) {
                throw new IOException("not wired: " + name);
            }
            return r;
        }

        @Override
        public void setValue(boolean active) throws IOException {
            switch (role()) {
                case DATA_OUT -> gpio.wires.dataOut(active);
                case CLOCK_OUT -> gpio.wires.clockOut(active);
                case RESET_OUT -> gpio.wires.resetOut(active);
                default -> throw new IOException("not an output: " + name);
            }
        }

        @Override
        public boolean getValue() throws IOException {
            return switch (role()) {
                case CLOCK_IN -> gpio.wires.clockIn();
                case DATA_IN -> gpio.wires.dataIn();
                case RESET_IN -> gpio.wires.resetIn();
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
        public void open() throws IOException {
            if (gpio.noOpenDrain && mode == KuraGPIOMode.OUTPUT_OPEN_DRAIN) {
                throw new IOException("open drain not supported");
            }
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
}
