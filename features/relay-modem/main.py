# main.py: starts the mqttas ESP-NOW modem unless the safe-boot pin is held low.
# Ctrl-C is switched off first: the gateway's binary frames may contain the byte 0x03.
import micropython

micropython.kbd_intr(-1)

import modem_config
from machine import Pin

if modem_config.SAFE_PIN is not None and Pin(modem_config.SAFE_PIN, Pin.IN, Pin.PULL_UP).value() == 0:
    micropython.kbd_intr(3)  # safe boot: the REPL is yours (the modem is not running)
else:
    import modem

    modem.main(modem_config)
