# Stand-in for MicroPython's machine module on the simulated board: WDT (a real watchdog: when
# not fed in time the board resets), reset(), reset_cause(), unique_id(), Pin (the safe-boot
# pin reads high unless --safe-pin-held), UART (the board's second UART on the same pty as the USB port).

import threading
import time

import _board

PWRON_RESET = 1
HARD_RESET = 2
WDT_RESET = 3
SOFT_RESET = 5


def reset():
    raise _board.BoardReset("machine.reset()")


def reset_cause():
    return _board.BOARD.reset_cause


def unique_id():
    return _board.BOARD.sta_mac


def freq(*args):
    return 240000000


class WDT:
    def __init__(self, id=0, timeout=5000):
        board = _board.BOARD
        if board.wdt is not None:
            board.wdt.timeout_s = timeout / 1000.0  # the ESP32's WDT cannot be stopped, only fed
            board.wdt.feed()
            self.__dict__ = board.wdt.__dict__
            return
        self.board = board
        self.timeout_s = timeout / 1000.0
        self.deadline = time.monotonic() + self.timeout_s
        self.generation = board.generation
        board.wdt = self
        threading.Thread(target=self._watch, name="wdt", daemon=True).start()

    def feed(self):
        self.deadline = time.monotonic() + self.timeout_s

    def _watch(self):
        while self.board.generation == self.generation:
            left = self.deadline - time.monotonic()
            if left <= 0:
                self.board.request_reset("watchdog: the main loop stalled for %d ms" % (self.timeout_s * 1000))
                return
            time.sleep(min(left, 0.05))


class Pin:
    IN = 1
    OUT = 2
    PULL_UP = 1
    PULL_DOWN = 2

    def __init__(self, id, mode=IN, pull=None):
        self.id = id

    def value(self, v=None):
        return 0 if _board.BOARD.args.safe_pin_held else 1  # the BOOT button, pulled up


class UART:
    def __init__(self, id, baudrate=115200, **kw):
        self.serial = _board.BOARD.serial
        if baudrate != _board.BOARD.args.baud and _board.BOARD.args.baud:
            _board.log("UART%d opened at %d baud, the line runs at %d" % (id, baudrate, _board.BOARD.args.baud))

    def any(self):
        return self.serial.available()

    def read(self, n=-1):
        data = self.serial.read(n if n > 0 else 4096)
        return data or None

    def write(self, data):
        self.serial.write(data)
        return len(data)

    def fileno(self):
        return self.serial.fd
