/*
 * Issue 12 item 6: the default pins fit a Raspberry Pi (Kura's terminal numbers there are BCM
 * numbers): none is the UART's, I2C's, SPI0's or the HAT EEPROM's, all are in Kura's Raspberry Pi
 * pin table, the reset input's and clock output's power-up pulls are the right way round; and
 * every numeric key is checked with a message naming it.
 */
package io.mqttas.bridge.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BridgeDefaultsTest {
    /** Kura 5.5 jdk.dio.properties-raspberry: the GPIOs Kura offers on a Pi. */
    private static final Set<Integer> KURA_PI_TERMINALS = Set.of(5, 6, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 24,
            25, 26, 27);
    /** ID EEPROM 0/1, I2C 2/3, SPI0 7..11, UART 14/15. */
    private static final Set<Integer> TAKEN = Set.of(0, 1, 2, 3, 7, 8, 9, 10, 11, 14, 15);

    @Test
    void defaultPinsFitARaspberryPi() {
        BridgeConfig c = BridgeComponentTest.config(Map.of());
        List<String> pins = List.of(c.pin__clock__in(), c.pin__data__in(), c.pin__data__out(), c.pin__clock__out(),
                c.pin__reset__in());
        Set<Integer> seen = new HashSet<>();
        for (String p : pins) {
            int bcm = Integer.parseInt(p);
            assertFalse(TAKEN.contains(bcm), "BCM " + bcm + " belongs to the UART, I2C, SPI or the HAT EEPROM");
            assertTrue(KURA_PI_TERMINALS.contains(bcm), "BCM " + bcm + " is not in Kura's Raspberry Pi table");
            assertTrue(seen.add(bcm), "BCM " + bcm + " used twice");
        }
        // BCM 0-8 are pulled up at power-up, 9-27 pulled down (BCM2835 datasheet, table 6-31)
        assertTrue(Integer.parseInt(c.pin__reset__in()) <= 8, "reset in idles high while nothing drives it");
        assertTrue(Integer.parseInt(c.pin__clock__out()) >= 9, "clock out reads 0 at the host while the Pi boots");
        assertEquals("", c.pin__reset__out(), "the reset output is opt-in");
        assertEquals("/dev/serial0", c.serial__device(), "the Pi's UART on BCM 14/15");
    }

    @Test
    void valuesOutsideAKeysRangeNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BridgeSetup.link(
                BridgeComponentTest.config(Map.of("idle__max__wait__ms", 60)), "x", () -> null));
        assertEquals("idle_max_wait_ms = 60: must be 0..50", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BridgeSetup.link(BridgeComponentTest.config(
                Map.of("transport", "serial", "serial__heartbeat__ms", -1)), "x", () -> null));
        assertEquals("serial_heartbeat_ms = -1: must be 0..60000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BridgeSetup.options(BridgeComponentTest.config(
                Map.of("ntp__host", "pool.ntp.org", "ntp__timeout__ms", 50)), "x", "id"));
        assertEquals("ntp_timeout_ms = 50: must be 100..10000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BridgeSetup.link(BridgeComponentTest.config(
                Map.of("transport", "usb")), "x", () -> null));
        assertTrue(e.getMessage().contains("transport = 'usb'"));
    }
}
