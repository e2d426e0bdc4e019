# modem.py: the mqttas ESP-NOW modem (docs/relay-modem.md, protocol 2), for an ESP32 running
# MicroPython >= 1.20 with its espnow module. The board only moves frames between the air and a
# serial line (framing in modem_frame.py); every rule of the gateway (queues, replies, MQTT) runs
# in the Linux gateway (io.mqttas.relay). Written for this project from its modem protocol; MIT
# licence like the rest.

import sys
import os
import struct
import select
import time
import gc
import network
import espnow
import machine
from modem_frame import *  # noqa: F401,F403 (types, statuses, encode, Decoder, errtext)

VERSION = "1.0.0"


class StdioPort:
    # The board's USB port (the REPL's UART or native USB). Ctrl-C is off (main.py), print() is
    # never used: every byte on stdout is a frame.
    def __init__(self):
        self.i = sys.stdin.buffer
        self.o = sys.stdout.buffer
        self.p = select.poll()
        self.p.register(sys.stdin, select.POLLIN)

    def pollable(self):
        return sys.stdin

    def read(self, limit):
        out = bytearray()
        while len(out) < limit and self.p.poll(0):
            b = self.i.read(1)
            if not b:
                break
            out.extend(b)
        return out

    def write(self, data):
        self.o.write(data)


class UartPort:
    # A hardware UART wired to a USB-serial adapter: fast, and the REPL stays on USB.
    def __init__(self, spec):
        uart_id, baud, tx, rx = spec
        kw = {"baudrate": baud, "bits": 8, "parity": None, "stop": 1, "rxbuf": 2048, "timeout": 0}
        if tx is not None:
            kw["tx"] = tx
            kw["rx"] = rx
        self.u = machine.UART(uart_id, **kw)

    def pollable(self):
        return self.u

    def read(self, limit):
        n = self.u.any()
        if not n:
            return b""
        return self.u.read(min(n, limit)) or b""

    def write(self, data):
        self.u.write(data)


class Radio:
    # ESP-NOW on the station or soft-AP interface, power saving off, on a fixed channel or on the
    # channel of the access point the station joined (spec/relay.md §2).
    def __init__(self, cfg, feed):
        self.sta = network.WLAN(network.STA_IF)
        self.ap = network.WLAN(network.AP_IF)
        self.sta.active(False)  # a known state after a soft reset
        self.ap.active(False)
        self.sta.active(True)
        self.joined = bool(cfg.SSID)
        if self.joined:
            self.sta.connect(cfg.SSID, cfg.PASSWORD)
            t0 = time.ticks_ms()
            while not self.sta.isconnected() and time.ticks_diff(time.ticks_ms(), t0) < 20000:
                feed()
                time.sleep_ms(100)
        else:
            self.sta.disconnect()
            self.sta.config(channel=cfg.CHANNEL)
        try:
            self.sta.config(pm=self.sta.PM_NONE)  # power saving off: reliable reception
            self.pm_off = True
        except (AttributeError, ValueError, OSError):
            self.pm_off = False
        self.use_ap = cfg.INTERFACE == "ap"
        if self.use_ap:
            self.ap.active(True)
            self._protect_ap(cfg)
        self.ifidx = 1 if self.use_ap else 0
        self.e = espnow.ESPNow()
        self.e.active(True)
        self.e.config(rxbuf=cfg.RXBUF, timeout_ms=0)
        self.e.active(False)  # the receive buffer's size applies from the next activation
        self.e.active(True)

    def _protect_ap(self, cfg):
        # A hidden, password-protected AP: it exists only so ESP8266 nodes can reach its MAC.
        # MicroPython >= 1.20 names the keys ssid/key/security; older builds essid/password/authmode.
        for kw in ({"ssid": cfg.AP_SSID, "key": cfg.AP_PASSWORD, "security": 3, "hidden": True},
                   {"essid": cfg.AP_SSID, "password": cfg.AP_PASSWORD, "authmode": 3, "hidden": True}):
            try:
                self.ap.config(**kw)
                return
            except (ValueError, OSError, TypeError):
                pass

    def mac(self):
        return (self.ap if self.use_ap else self.sta).config("mac")

    def channel(self):
        return self.sta.config("channel")

    def on_ap(self):
        return self.joined and self.sta.isconnected()

    def set_channel(self, ch):
        if self.joined:
            raise OSError(-1, "channel follows the access point")
        self.sta.config(channel=ch)

    def capacity(self):
        return getattr(espnow, "MAX_TOTAL_PEER_NUM", 20)

    def peers(self):
        try:
            return self.e.peer_count()[0]
        except (AttributeError, OSError):
            return 0

    def add_peer(self, mac):
        try:
            self.e.add_peer(mac, ifidx=self.ifidx)
        except OSError as x:
            if "EXIST" not in errtext(x):
                raise

    def del_peer(self, mac):
        try:
            self.e.del_peer(mac)
        except OSError as x:
            if "NOT_FOUND" not in errtext(x):
                raise

    def send(self, mac, data):
        return self.e.send(mac, data, True)  # True only when the peer's radio acknowledged

    def recv(self):
        mac, msg = self.e.irecv(0)
        if mac is None:
            return None
        return bytes(mac), bytes(msg)

    def any(self):
        return self.e.any()


class Modem:
    def __init__(self, port, radio, wdt, cfg):
        self.port = port
        self.radio = radio
        self.wdt = wdt
        self.rx_max = cfg.RX_QUEUE
        self.rxq = []
        self.dropped = 0
        self.dropped_reported = 0
        self.boot_id = struct.unpack(">I", os.urandom(4))[0]
        self.booted = time.ticks_ms()
        self.decoder = Decoder(self.request)
        self.last_channel = radio.channel()
        self.last_on_ap = radio.on_ap()

    def emit(self, kind, payload):
        self.port.write(encode(kind, payload))

    def log(self, level, text):
        self.emit(LOG, bytes([level]) + text.encode()[:200])

    def hello(self):
        r = self.radio
        flags = (1 if r.on_ap() else 0) | (2 if r.pm_off else 0)
        v = VERSION.encode()
        up = time.ticks_diff(time.ticks_ms(), self.booted) & 0xFFFFFFFF
        return (bytes([PROTOCOL]) + r.sta.config("mac") + r.ap.config("mac")
                + bytes([1 if r.use_ap else 0, r.channel(), r.capacity(), r.peers(), flags])
                + struct.pack(">III", self.boot_id, up, self.dropped & 0xFFFFFFFF) + bytes([len(v)]) + v)

    def result(self, seq, status, value=b""):
        self.emit(RESULT, bytes([seq, status]) + value)

    def request(self, kind, p):
        if kind >= 0x80 or len(p) < 1:
            return  # not a request (an echo or noise that passed the CRC)
        seq = p[0]
        a = p[1:]
        try:
            if kind == SEND:
                if len(a) < 7 or len(a) > 6 + MAX_DATA:
                    self.result(seq, ERROR, b"SEND needs a MAC and 1..250 bytes")
                else:
                    ok = self.radio.send(a[:6], a[6:])
                    self.result(seq, OK if ok else NOT_ACKED)
            elif kind == ADD_PEER or kind == DEL_PEER:
                if len(a) != 6:
                    self.result(seq, ERROR, b"a MAC is 6 bytes")
                elif kind == ADD_PEER:
                    self.radio.add_peer(a)
                    self.result(seq, OK)
                else:
                    self.radio.del_peer(a)
                    self.result(seq, OK)
            elif kind == GET_CHANNEL:
                self.result(seq, OK, bytes([self.radio.channel()]))
            elif kind == SET_CHANNEL:
                if len(a) != 1 or not 1 <= a[0] <= 14:
                    self.result(seq, ERROR, b"channel must be 1..14")
                else:
                    self.radio.set_channel(a[0])
                    self.last_channel = self.radio.channel()
                    self.result(seq, OK)
            elif kind == GET_MAC:
                self.result(seq, OK, self.radio.mac())
            elif kind == INFO:
                self.result(seq, OK, self.hello())
            else:
                self.result(seq, ERROR, ("unknown request 0x%02x" % kind).encode())
        except OSError as x:
            self.result(seq, ERROR, errtext(x).encode()[:120])

    def receive(self):
        # Radio -> bounded queue; the oldest frame goes first when full (its node has given up).
        for _ in range(32):
            m = self.radio.recv()
            if m is None:
                return
            if len(self.rxq) >= self.rx_max:
                self.rxq.pop(0)
                self.dropped += 1
            self.rxq.append(m)

    def forward(self):
        while self.rxq:
            mac, msg = self.rxq.pop(0)
            self.emit(RECV, mac + msg)

    def watch(self):
        # Once a second: channel changes (the AP moved), the AP link, dropped frames.
        ch = self.radio.channel()
        if ch != self.last_channel:
            self.last_channel = ch
            self.emit(CHANNEL, bytes([ch]))
        on_ap = self.radio.on_ap()
        if on_ap != self.last_on_ap:
            self.last_on_ap = on_ap
            self.log(INFO_LEVEL if on_ap else WARNING,
                     "access point joined" if on_ap else "access point lost: the station is scanning")
        if self.dropped != self.dropped_reported:
            self.log(WARNING, "%d frames from nodes dropped (serial line too slow)" % (self.dropped - self.dropped_reported))
            self.dropped_reported = self.dropped

    def run(self):
        self.emit(HELLO, self.hello())
        poller = select.poll()
        poller.register(self.port.pollable(), select.POLLIN)
        poller.register(self.radio.e, select.POLLIN)
        last_watch = time.ticks_ms()
        quiet_since = time.ticks_ms()
        while True:
            self.wdt.feed()
            self.receive()
            data = self.port.read(512)
            if data:
                self.decoder.feed(data)
                quiet_since = time.ticks_ms()
            elif time.ticks_diff(time.ticks_ms(), quiet_since) > 100:
                self.decoder.idle()
                quiet_since = time.ticks_ms()
            self.forward()
            if time.ticks_diff(time.ticks_ms(), last_watch) >= 1000:
                last_watch = time.ticks_ms()
                self.watch()
                gc.collect()
            if not data and not self.rxq and not self.radio.any():
                poller.poll(10)


def main(cfg):
    wdt = machine.WDT(timeout=cfg.WDT_MS)
    port = UartPort(cfg.UART) if cfg.UART else StdioPort()
    radio = Radio(cfg, wdt.feed)
    modem = Modem(port, radio, wdt, cfg)
    failures = 0
    first = time.ticks_ms()
    while True:
        try:
            modem.run()
        except Exception as x:  # report and carry on; 5 failures within a minute reset the board
            if failures == 0 or time.ticks_diff(time.ticks_ms(), first) > 60000:
                failures = 0
                first = time.ticks_ms()
            failures += 1
            try:
                modem.log(FAILURE, "modem loop failed: %s" % repr(x))
            except Exception:
                pass
            if failures >= 5:
                machine.reset()
            time.sleep_ms(100)
