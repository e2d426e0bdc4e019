/* spec/bridge.md §2 and §12: the passive end's five wires on a Kura gateway's GPIO pins. */
package io.mqttas.bridge.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.kura.gpio.GPIOService;
import org.eclipse.kura.gpio.KuraGPIODirection;
import org.eclipse.kura.gpio.KuraGPIOMode;
import org.eclipse.kura.gpio.KuraGPIOPin;
import org.eclipse.kura.gpio.KuraGPIOTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.bridge.Pins;

/**
 * {@link Pins} over Kura's {@code GPIOService}. Pins are given by Kura name, or by terminal index
 * when the text is a number. Clock and data inputs have pull-downs (the host's pins float while it
 * boots); the reset input has a pull-up, because the host drives reset open-drain (spec §2). An
 * empty reset pin means no reset wire. The optional reset output (issue 12 item 6) is open drain
 * and released (high) at once after opening: Kura opens outputs low, so opening it resets the
 * host for a moment, which is harmless (the link pulses it once more when it starts). This class is loaded only when GPIO is configured, so the
 * bundle runs without {@code org.eclipse.kura.gpio} (optional import).
 */
public final class KuraGpioPins implements Pins {
    private static final Logger LOG = LoggerFactory.getLogger(KuraGpioPins.class);

    private final KuraGPIOPin clockIn;
    private final KuraGPIOPin dataIn;
    private final KuraGPIOPin clockOut;
    private final KuraGPIOPin dataOut;
    private final KuraGPIOPin resetIn;
    private final KuraGPIOPin resetOut;
    private final List<KuraGPIOPin> opened;

    private KuraGpioPins(List<KuraGPIOPin> opened, KuraGPIOPin clockIn, KuraGPIOPin dataIn, KuraGPIOPin clockOut,
            KuraGPIOPin dataOut, KuraGPIOPin resetIn, KuraGPIOPin resetOut) {
        this.opened = opened;
        this.clockIn = clockIn;
        this.dataIn = dataIn;
        this.clockOut = clockOut;
        this.dataOut = dataOut;
        this.resetIn = resetIn;
        this.resetOut = resetOut;
    }

    /**
     * Acquires and opens the pins. {@code gpioService} is Kura's {@code GPIOService} (typed Object so
     * that callers need not load Kura's classes).
     */
    public static KuraGpioPins open(Object gpioService, String clockInPin, String dataInPin, String clockOutPin,
            String dataOutPin, String resetInPin) throws IOException {
        return open(gpioService, clockInPin, dataInPin, clockOutPin, dataOutPin, resetInPin, "");
    }

    /** As above, with the optional output to the host's reset ({@code resetOutPin} empty = none). */
    public static KuraGpioPins open(Object gpioService, String clockInPin, String dataInPin, String clockOutPin,
            String dataOutPin, String resetInPin, String resetOutPin) throws IOException {
        GPIOService gpio = (GPIOService) gpioService;
        List<KuraGPIOPin> opened = new ArrayList<>();
        try {
            KuraGPIOPin ckIn = acquire(gpio, opened, "clock in (mckin)", clockInPin, KuraGPIODirection.INPUT,
                    KuraGPIOMode.INPUT_PULL_DOWN);
            KuraGPIOPin dIn = acquire(gpio, opened, "data in (mrx)", dataInPin, KuraGPIODirection.INPUT,
                    KuraGPIOMode.INPUT_PULL_DOWN);
            KuraGPIOPin ckOut = acquire(gpio, opened, "clock out (mckout)", clockOutPin, KuraGPIODirection.OUTPUT,
                    KuraGPIOMode.OUTPUT_PUSH_PULL);
            KuraGPIOPin dOut = acquire(gpio, opened, "data out (mtx)", dataOutPin, KuraGPIODirection.OUTPUT,
                    KuraGPIOMode.OUTPUT_PUSH_PULL);
            KuraGPIOPin rst = resetInPin == null || resetInPin.isBlank() ? null
                    : acquire(gpio, opened, "reset in", resetInPin, KuraGPIODirection.INPUT,
                            KuraGPIOMode.INPUT_PULL_UP);
            KuraGPIOPin rstOut = resetOutPin == null || resetOutPin.isBlank() ? null
                    : acquireResetOut(gpio, opened, resetOutPin);
            KuraGpioPins pins = new KuraGpioPins(opened, ckIn, dIn, ckOut, dOut, rst, rstOut);
            pins.resetOut(true);
            pins.clockOut(false);
            pins.dataOut(false);
            return pins;
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Open drain where the provider can; else push-pull, with a warning (docs: a series resistor). */
    private static KuraGPIOPin acquireResetOut(GPIOService gpio, List<KuraGPIOPin> opened, String spec)
            throws IOException {
        try {
            return acquire(gpio, opened, "reset out", spec, KuraGPIODirection.OUTPUT, KuraGPIOMode.OUTPUT_OPEN_DRAIN);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("not found")) {
                throw e;
            }
            LOG.warn("GPIO pin '{}' for reset out: no open drain here ({}); driving it push-pull: put a 1 kOhm "
                    + "resistor in series with the host's reset", spec, e.getMessage());
            return acquire(gpio, opened, "reset out", spec, KuraGPIODirection.OUTPUT, KuraGPIOMode.OUTPUT_PUSH_PULL);
        }
    }

    private static KuraGPIOPin acquire(GPIOService gpio, List<KuraGPIOPin> opened, String role, String spec,
            KuraGPIODirection direction, KuraGPIOMode mode) throws IOException {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty()) {
            throw new IOException("no GPIO pin configured for " + role);
        }
        KuraGPIOPin pin = s.chars().allMatch(Character::isDigit)
                ? gpio.getPinByTerminal(Integer.parseInt(s), direction, mode, KuraGPIOTrigger.NONE)
                : gpio.getPinByName(s, direction, mode, KuraGPIOTrigger.NONE);
        if (pin == null) {
            throw new IOException("GPIO pin '" + s + "' for " + role + " not found (Kura GPIOService)");
        }
        try {
            pin.open();
        } catch (Exception e) {
            throw new IOException("cannot open GPIO pin '" + s + "' for " + role + ": " + e.getMessage(), e);
        }
        opened.add(pin);
        return pin;
    }

    @Override
    public boolean clockIn() throws IOException {
        return read(clockIn);
    }

    @Override
    public boolean dataIn() throws IOException {
        return read(dataIn);
    }

    @Override
    public boolean resetIn() throws IOException {
        return resetIn == null || read(resetIn);
    }

    @Override
    public void resetOut(boolean level) throws IOException {
        if (resetOut != null) {
            write(resetOut, level);
        }
    }

    @Override
    public boolean hasResetOut() {
        return resetOut != null;
    }

    @Override
    public void clockOut(boolean level) throws IOException {
        write(clockOut, level);
    }

    @Override
    public void dataOut(boolean level) throws IOException {
        write(dataOut, level);
    }

    @Override
    public void close() {
        try {
            clockOut(false);
            dataOut(false);
            resetOut(true);
        } catch (IOException e) {
            LOG.debug("driving outputs low before closing: {}", e.toString());
        }
        closeAll(opened);
    }

    private static boolean read(KuraGPIOPin pin) throws IOException {
        try {
            return pin.getValue();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("reading GPIO " + pin.getName() + ": " + e.getMessage(), e);
        }
    }

    private static void write(KuraGPIOPin pin, boolean level) throws IOException {
        try {
            pin.setValue(level);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("writing GPIO " + pin.getName() + ": " + e.getMessage(), e);
        }
    }

    private static void closeAll(List<KuraGPIOPin> pins) {
        for (KuraGPIOPin p : pins) {
            try {
                p.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing GPIO {}: {}", p.getName(), e.toString());
            }
        }
    }
}
