# syncom.py (test model) - the original bridge host's bit-banged SynCom initiator, re-expressed
# by the mqttas authors from spec/bridge.md section 3 (bridge V0.1, host/syncom.py at 40fcff7)
# so tests can run an unmodified-behaving host under CPython. Not the original code.
#
# Kept on purpose, because the gateway must cope with it: after a failed synchronisation (no
# clock edge from the bridge within `timeout` ms, e.g. because the gateway was not up within
# about 11 s of the host's start) the link task ends but the supervisor keeps waiting for
# "synchronised" for ever; only a reset of the host gets it going again.
import uasyncio as asyncio
from utime import ticks_ms, ticks_diff

SYN = 0x9d
BITS_PER_CHAR = 7


class SynComError(Exception):
    pass


class SynCom:
    def __init__(self, passive, ckin, ckout, din, dout, pin_reset=None, timeout=0, string_mode=False,
                 verbose=True):
        self.ckin, self.ckout, self.din, self.dout = ckin, ckout, din, dout
        self.pin_reset = pin_reset
        self._timeout = timeout
        self.string_mode = string_mode
        self.verbose = verbose
        self._running = False
        self._synchronised = False
        self._phase = 0
        self._tx = 0
        self.lsttx = []
        self.lstrx = []

    async def start(self, user_task=None, awaitable=None):
        while True:
            if not self._running:
                self.lstrx = []
                self.lsttx = []
                self._synchronised = False
                asyncio.create_task(self._run())
                while not self._synchronised:  # the defect: no way out if _run gave up
                    await asyncio.sleep_ms(100)
                if user_task is None:
                    while self._running:
                        await asyncio.sleep_ms(100)
                else:
                    await user_task(self)
                    self.stop()
            await asyncio.sleep_ms(0)
            if awaitable is not None:
                await awaitable()

    def stop(self):
        self._running = False
        self.dout(0)
        self.ckout(0)

    def send(self, obj):
        self.lsttx.append(obj)

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

    async def _step(self):
        # the initiator steps when the bridge's clock has copied its own (spec 3.2)
        started = ticks_ms()
        while self.ckin() != self._phase:
            if (self._timeout and ticks_diff(ticks_ms(), started) > self._timeout) or not self._running:
                raise SynComError()
            await asyncio.sleep_ms(0)
        bit = self.din()
        self.dout(self._tx & 1)
        self._tx >>= 1
        self._phase ^= 1
        self.ckout(self._phase)
        return bit

    async def _run(self):
        self._tx = SYN                 # step 0: SYN's first bit and the clock up, nothing sampled
        self.dout(self._tx & 1)
        self._tx >>= 1
        self._phase = 1
        self.ckout(1)
        if self.pin_reset is not None:
            self.verbose and print('initiator resetting target...')
            self.pin_reset(0)
            await asyncio.sleep_ms(100)
            self.pin_reset(1)
            await asyncio.sleep(1)
        self.verbose and print('initiator awaiting sync...')
        try:
            self._running = True
            window = 0
            while window != SYN:
                window = (window | (await self._step()) << 8) >> 1
            self._synchronised = True
            self.verbose and print('initiator synchronised.')
            sending, index, received = '', None, []
            while True:
                if index is None and self.lsttx:
                    sending, index = self.lsttx.pop(0), 0
                if index is not None:
                    if index < len(sending):
                        self._tx = ord(sending[index])
                        index += 1
                    else:
                        index = None
                if index is None:
                    self._tx = 0
                c = 0
                for _ in range(BITS_PER_CHAR):
                    c = (c | (await self._step()) << BITS_PER_CHAR) >> 1
                if c:
                    received.append(chr(c))
                elif received:
                    self.lstrx.append(''.join(received))
                    received = []
        except SynComError:
            self.verbose and print('SynCom Timeout.' if self._running else 'SynCom was stopped.')
        finally:
            self.stop()
