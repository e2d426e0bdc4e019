# main.py: starts the mqttas ESP-NOW modem unless the safe-boot pin is held low during the first
# second after a reset (press RESET/EN, then press and hold BOOT: holding BOOT *through* the reset
# would start the ROM's serial bootloader instead). Ctrl-C is switched off first: the gateway's
# binary frames may contain the byte 0x03.
import micropython

micropython.kbd_intr(-1)

import time
import modem_config
from machine import Pin


def safe_boot_requested(cfg):
    if cfg.SAFE_PIN is None:
        return False
    pin = Pin(cfg.SAFE_PIN, Pin.IN, Pin.PULL_UP)
    t0 = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), t0) < cfg.SAFE_WINDOW_MS:
        if pin.value() == 0:
            return True
        time.sleep_ms(20)
    return False


if safe_boot_requested(modem_config):
    micropython.kbd_intr(3)  # safe boot: the REPL is yours (the modem is not running)
else:
    import modem

    modem.main(modem_config)
