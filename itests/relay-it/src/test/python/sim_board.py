#!/usr/bin/env python3
# sim_board.py: runs the mqttas modem firmware (features/relay-modem: boot.py, main.py, modem.py)
# unchanged under CPython, on a simulated ESP32 (standins/): its serial line is one end of a
# pseudo-terminal pair (socat), its radio a UDP "air" shared with simulated nodes. Like a real
# board it prints ROM chatter and takes a while to boot, and it reboots on machine.reset(), when
# its watchdog is not fed, and when the test says "reset" on the air's control channel; its
# state (peers, channel) is lost then. It runs until killed (the test's "unplug").
#
#   sim_board.py --firmware DIR --tty PTY --air-port N [--baud 921600] [--boot-ms 300]
#                [--sta-mac HEX] [--ap-mac HEX] [--channel 1] [--ap-ssid S --ap-channel 6]
#                [--set KEY=PYTHON_LITERAL ...]   (overrides of modem_config.py) [--safe-pin-held]

import argparse
import ast
import os
import runpy
import signal
import sys
import traceback
import tty
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROM_CHATTER = b"ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n\xa5\x13"


class _Stream:
    """sys.stdin / sys.stdout of the board: its USB serial line (binary, via .buffer)."""

    def __init__(self, serial):
        self.buffer = self
        self.serial = serial

    def fileno(self):
        return self.serial.fd

    def read(self, n=-1):
        return self.serial.read(1 if n is None or n < 0 else n)

    def write(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.serial.write(data)
        return len(data)

    def flush(self):
        pass


def _micropython_time():
    """MicroPython's time functions the firmware uses, added to CPython's time module."""
    import time

    def ticks_ms():
        return int(time.monotonic() * 1000) & 0x3FFFFFFF

    def ticks_diff(a, b):
        d = (a - b) & 0x3FFFFFFF
        return d - 0x40000000 if d & 0x20000000 else d

    def ticks_add(a, b):
        return (a + b) & 0x3FFFFFFF

    time.ticks_ms = ticks_ms
    time.ticks_diff = ticks_diff
    time.ticks_add = ticks_add
    time.sleep_ms = lambda ms: time.sleep(ms / 1000.0)


def _config(firmware, overrides):
    module = types.ModuleType("modem_config")
    path = os.path.join(firmware, "modem_config.py")
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), module.__dict__)
    for item in overrides:
        key, _, value = item.partition("=")
        setattr(module, key, ast.literal_eval(value))
    return module


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--firmware", required=True)
    p.add_argument("--tty", required=True)
    p.add_argument("--air-port", type=int, required=True)
    p.add_argument("--sta-mac", default="246f28000001")
    p.add_argument("--ap-mac", default="246f28000002")
    p.add_argument("--channel", type=int, default=1)
    p.add_argument("--ap-ssid", default=None)
    p.add_argument("--ap-channel", type=int, default=6)
    p.add_argument("--baud", type=int, default=0)
    p.add_argument("--boot-ms", type=int, default=300)
    p.add_argument("--set", action="append", default=[])
    p.add_argument("--safe-pin-held", action="store_true", help="the BOOT button is held after the reset")
    args = p.parse_args()

    _micropython_time()
    sys.path.insert(0, os.path.join(HERE, "standins"))
    sys.path.insert(1, os.path.abspath(args.firmware))
    import _board

    board = _board.Board(args)
    _board.BOARD = board
    fd = os.open(args.tty, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    board.serial = _board.Serial(fd, args.baud)
    board.air = _board.Air(board, args.air_port)

    def on_reset(signum, frame):
        why = board.pending_reset or "reset"
        board.pending_reset = None
        raise _board.BoardReset(why)

    signal.signal(signal.SIGUSR1, on_reset)
    sys.stdin = _Stream(board.serial)
    sys.stdout = _Stream(board.serial)
    cause = 1  # power on
    boots = 0
    while True:
        try:
            boots += 1
            board.reset_state()
            board.reset_cause = cause
            board.serial.write(ROM_CHATTER)
            __import__("time").sleep(args.boot_ms / 1000.0)
            _board.log("boot %d (cause %d)" % (boots, cause))
            for name in ("modem", "modem_config", "boot", "main"):
                sys.modules.pop(name, None)
            sys.modules["modem_config"] = _config(args.firmware, args.set)
            runpy.run_path(os.path.join(args.firmware, "boot.py"), run_name="boot")
            runpy.run_path(os.path.join(args.firmware, "main.py"), run_name="__main__")
            _board.log("main.py returned: the board sits in its REPL")
            while True:  # idle at the REPL until reset or killed
                __import__("time").sleep(1)
        except _board.BoardReset as r:
            _board.log("reset: %s" % r)
            cause = 3 if "watchdog" in str(r) else 5
        except SystemExit:
            raise
        except BaseException:
            _board.log("firmware crashed:\n" + traceback.format_exc())
            sys.exit(3)


if __name__ == "__main__":
    main()
