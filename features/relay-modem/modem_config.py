# modem_config.py: settings of the mqttas ESP-NOW modem (docs/relay-modem.md).
# Copy to the board with modem.py, boot.py and main.py; edit here, not in modem.py.

# The serial link to the gateway.
#   None: the board's USB port (the REPL's UART or native USB), at the REPL's rate (115200 on
#         USB-serial boards; set serial_baud=115200 on the gateway). Ctrl-C is switched off on it.
#   (uart_id, baud, tx_pin, rx_pin): a second UART wired to a USB-serial adapter, e.g.
#         (1, 921600, 17, 16) - for higher rates, and the REPL stays usable on USB.
UART = None

# The interface whose MAC is the gateway identity nodes are configured with.
#   "ap": the soft-AP interface (needed when any node is an ESP8266; the original's use_ap_if=True).
#         The AP is hidden and protected by AP_PASSWORD.
#   "sta": the station interface (ESP32-only installations).
INTERFACE = "ap"
AP_SSID = "mqttas-modem"
AP_PASSWORD = "change-me-please"   # 8..63 characters

# The radio channel. Nodes must use the same one.
#   With SSID set, the modem joins that access point and follows its channel (nodes that find the
#   channel by joining the AP, or by asking ["chan"], keep working when the AP moves).
#   Without SSID, the radio stays on CHANNEL (the gateway's serial_channel, if set, overrides it).
SSID = None
PASSWORD = None
CHANNEL = 1

# Bounded queues and the watchdog.
RX_QUEUE = 64          # frames from nodes waiting for the serial line; the oldest is dropped when full
RXBUF = 8192           # ESP-NOW driver receive buffer in bytes (MicroPython's default is 526)
WDT_MS = 8000          # the board resets itself when its main loop stalls this long (e.g. a blocked UART)

# Safe boot for maintenance (mpremote, Thonny): press RESET, then press and hold this pin's button
# (BOOT on most ESP32 boards) within SAFE_WINDOW_MS: the modem does not start and the REPL is free.
# (Holding BOOT through the reset starts the ROM bootloader instead.) None: no safe boot pin.
SAFE_PIN = 0
SAFE_WINDOW_MS = 1000
