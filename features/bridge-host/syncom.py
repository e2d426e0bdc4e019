# syncom.py (mqttas) - the bridge host's SynCom channel over a UART: two wires instead of five.
#
# A drop-in replacement for the SynCom module that Peter Hinch's MQTT bridge host driver
# (pbmqtt.py, class MQTTlink) imports, for a board whose UART is wired to an mqttas gateway
# running the bridge with transport=serial. The driver is used unchanged; in its hardware
# configuration put the UART where the clock input pin went and None in the other pin slots:
#
#     from machine import UART, Pin
#     uart = UART(0, 115200, tx=Pin(0), rx=Pin(1))
#     d = {'sckin': uart, 'sckout': None, 'srx': None, 'stx': None, 'reset': None}
#
# Written for mqttas (not derived from the original module's code). What goes over the wire is
# the gateway's serial framing (docs/bridge.md): records of 7-bit ASCII characters, ended by one
# NUL byte; a NUL with nothing pending is idle. Liveness replaces the original's clock:
# - this end sends an idle NUL when it has sent nothing for heartbeat_ms (1 s), so the gateway
#   knows the board lives (the gateway ends the board's session - its will is published - when
#   it hears nothing for its serial_idle_timeout_s);
# - the gateway does the same (serial_heartbeat_ms), so if nothing at all arrives for `timeout`
#   ms (the driver passes its 'timeout' setting, 10 s) the link fails, exactly as when the
#   original's clock stalls: the driver runs its crash handler and starts a new session.
# Unlike the original, a link that does not come up within `timeout` is retried (the original
# waits for ever after a failed synchronisation). There is no reset wire: a pin given as
# pin_reset is ignored; a new session is announced by the driver's own w/init records.
#
# Copyright (c) 2026 the mqttas authors. MIT licence.

import uasyncio as asyncio
from utime import ticks_ms, ticks_diff
try:
    import ujson as json
except ImportError:
    import json

_POLL_MS = 5            # how often the UART is polled
_RESTART_PAUSE_MS = 1000  # pause before a new session, like the original's pause after its reset pulse
_MAX_RECORD = 4096      # longer records from the gateway are dropped (bounded memory)


class SynComError(Exception):
    pass


class SynCom:
    def __init__(self, passive, ckin, ckout=None, din=None, dout=None, pin_reset=None,
                 timeout=0, string_mode=False, verbose=True, heartbeat_ms=1000):
        uart = None
        for p in (ckin, ckout, din, dout):
            if p is not None and hasattr(p, 'write') and hasattr(p, 'any'):
                uart = p
                break
        if uart is None:
            raise ValueError('syncom (UART): pass the UART in place of the sckin pin')
        self._uart = uart
        self.passive = passive       # kept for compatibility; a UART link has no initiator
        self.string_mode = string_mode
        self.verbose = verbose
        self._timeout = timeout      # ms without a byte from the gateway before the link fails; 0 = never
        self._heartbeat = heartbeat_ms
        self._running = False
        self._synchronised = False
        self._gen = 0                # the current _run's number: an older one stops
        self._runs = 0
        self._run_ended = False
        self.dropped = 0             # records from the gateway that were too long
        self.lsttx = []              # strings (or objects) to send
        self.lstrx = []              # received strings (or objects)

    # Same interface as the original channel.

    async def start(self, user_task=None, awaitable=None):
        while True:
            if not self._running:
                self.lstrx = []
                self.lsttx = []
                self._synchronised = False
                self._run_ended = False
                asyncio.create_task(self._run())
                while not (self._synchronised or self._run_ended):
                    await asyncio.sleep_ms(100)
                if not self._synchronised:
                    continue         # no gateway within timeout: try again
                if user_task is None:
                    while self._running:
                        await asyncio.sleep_ms(100)
                else:
                    await user_task(self)
                    self.stop()      # the session ended for its own reasons: end the link too
            await asyncio.sleep_ms(0)
            if awaitable is not None:
                await awaitable()

    def stop(self):
        self._running = False

    def send(self, obj):
        self.lsttx.append(obj if self.string_mode else json.dumps(obj))

    def any(self):
        if self._running:
            return len(self.lstrx)

    async def await_obj(self, t_ms=10):
        while self._running:
            await asyncio.sleep_ms(t_ms)
            if len(self.lstrx):
                return self.lstrx.pop(0)

    def running(self):
        return self._running

    # The link.

    def _say(self, *args):
        if self.verbose:
            print('syncom (UART):', *args)

    def _write(self, data):
        view = memoryview(data)
        while len(view):
            n = self._uart.write(view)
            if n is None:
                n = 0
            view = view[n:]

    def _flush_input(self):
        while self._uart.any():
            self._uart.read(self._uart.any())

    def _stale(self, since):
        return self._timeout and ticks_diff(ticks_ms(), since) > self._timeout

    async def _run(self):
        self._gen += 1
        gen = self._gen
        self._runs += 1
        try:
            if self._runs > 1:
                await asyncio.sleep_ms(_RESTART_PAUSE_MS)
            self._flush_input()       # what the gateway sent to the previous session
            self._running = True
            self._say('awaiting the gateway...')
            self._write(b'\0')        # let the gateway hear us at once
            last_tx = last_rx = ticks_ms()
            while not self._uart.any():
                if self._stale(last_rx) or not self._running or gen != self._gen:
                    raise SynComError('no gateway')
                await asyncio.sleep_ms(_POLL_MS)
            self._synchronised = True
            self._say('synchronised.')
            pending = bytearray()
            overflow = False
            while True:
                if not self._running or gen != self._gen:
                    raise SynComError('stopped')
                while self.lsttx:
                    record = self.lsttx.pop(0)
                    self._write(record.encode() + b'\0')
                    last_tx = ticks_ms()
                if self._heartbeat and ticks_diff(ticks_ms(), last_tx) >= self._heartbeat:
                    self._write(b'\0')
                    last_tx = ticks_ms()
                n = self._uart.any()
                data = self._uart.read(n) if n else None
                if data:
                    last_rx = ticks_ms()
                    for b in data:
                        if b:
                            if len(pending) < _MAX_RECORD:
                                pending.append(b & 0x7f)
                            else:
                                overflow = True
                        elif pending or overflow:
                            if overflow:
                                self.dropped += 1
                            else:
                                text = bytes(pending).decode()
                                if self.string_mode:
                                    self.lstrx.append(text)
                                else:
                                    try:
                                        self.lstrx.append(json.loads(text))
                                    except ValueError:
                                        raise SynComError('bad object')
                            pending = bytearray()
                            overflow = False
                elif self._stale(last_rx):
                    raise SynComError('gateway silent for {} ms'.format(self._timeout))
                await asyncio.sleep_ms(_POLL_MS)
        except SynComError as e:
            self._say('link down:', e)
        finally:
            if gen == self._gen:
                self.stop()
                self._run_ended = True
