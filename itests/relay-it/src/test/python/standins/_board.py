# The simulated ESP32 board under CPython, shared by the espnow/network/machine stand-ins: its
# serial line (a pseudo-terminal, paced at the UART's byte rate), its radio on a simulated "air"
# (UDP datagrams on loopback, see Air), its resets. Test code, not firmware: the firmware in
# features/relay-modem runs unchanged on top of it.
#
# Air datagrams (127.0.0.1): kind(1) src(6) dst(6) channel(1) token(2) payload
#   0x01 DATA: a radio frame; the receiving radio answers 0x02 ACK with the same token when it is on
#              the frame's channel and the frame is addressed to one of its active interfaces;
#   0x10 CONTROL (no addresses): an ASCII command from the test; answered 0x11 + ASCII result.

import errno
import fcntl
import os
import signal
import socket
import struct
import sys
import termios
import threading
import time

DATA = 0x01
ACK = 0x02
CONTROL = 0x10
CONTROL_REPLY = 0x11
BROADCAST = b"\xff" * 6
ACK_WAIT_S = 0.03
BOARD = None  # the one board of this process, set by sim_board.py


class BoardReset(BaseException):
    """Raised in the firmware's thread to model a reset (machine.reset, watchdog, the test)."""


def log(text):
    sys.stderr.write("sim-board: %s\n" % text)
    sys.stderr.flush()


class Serial:
    """The board's serial line on a pty fd. Bytes take 10 bit times each (8N1) to cross it."""

    def __init__(self, fd, baud):
        self.fd = fd
        self.byte_s = 10.0 / baud if baud else 0.0
        self.stall_s = 0.0
        self.tx_noise = b""  # sent before the next frame (line noise between frames)
        self.rx_noise = b""  # read before the next bytes from the gateway
        os.set_blocking(fd, False)

    def available(self):
        try:
            n = struct.unpack("i", fcntl.ioctl(self.fd, termios.FIONREAD, b"\0\0\0\0"))[0]
        except OSError:
            return 0
        return n + len(self.rx_noise)

    def read(self, limit):
        if self.rx_noise:
            data, self.rx_noise = self.rx_noise[:limit], self.rx_noise[limit:]
            return data
        try:
            data = os.read(self.fd, limit)
        except BlockingIOError:
            return b""
        except OSError as e:
            if e.errno == errno.EIO:  # the other end of the pty is closed: nothing to read
                return b""
            raise
        if self.byte_s and data:
            time.sleep(len(data) * self.byte_s)
        return data

    def write(self, data):
        if self.stall_s:
            stall, self.stall_s = self.stall_s, 0.0
            time.sleep(stall)  # a UART that does not drain (the watchdog's business)
        if self.tx_noise:
            data, self.tx_noise = self.tx_noise + bytes(data), b""
        if self.byte_s:
            time.sleep(len(data) * self.byte_s)
        view = memoryview(bytes(data))
        while view:
            try:
                n = os.write(self.fd, view)
                view = view[n:]
            except BlockingIOError:
                time.sleep(0.001)
            except OSError as e:
                if e.errno == errno.EIO:
                    return  # nobody on the other end: the bytes are lost, as on a real line
                raise


class Air:
    """The radio: a UDP socket on the simulated air, acking frames like the ESP32's MAC does."""

    def __init__(self, board, port):
        self.board = board
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.addresses = {}  # node MAC -> UDP address, learnt from its frames
        self.lock = threading.Lock()
        self.acks = {}  # token -> threading.Event
        self.token = 0
        self.sink = None  # espnow stand-in: sink(src, payload) -> bool (buffered)
        self.dropped = 0
        threading.Thread(target=self._listen, name="air", daemon=True).start()

    def _listen(self):
        while True:
            try:
                data, addr = self.sock.recvfrom(2048)
            except OSError:
                return
            if not data:
                continue
            kind = data[0]
            if kind == CONTROL:
                reply = self.board.control(data[1:].decode("ascii", "replace"))
                self.sock.sendto(bytes([CONTROL_REPLY]) + reply.encode(), addr)
                continue
            if len(data) < 16:
                continue
            src, dst, ch, token = data[1:7], data[7:13], data[13], data[14:16]
            if kind == ACK:
                ev = self.acks.get(token)
                if ev is not None and dst in self.board.my_macs():
                    ev.set()
                continue
            if kind != DATA:
                continue
            with self.lock:
                self.addresses[src] = addr
            if ch != self.board.channel or not (dst in self.board.my_macs() or dst == BROADCAST):
                continue  # not for us: no acknowledgement
            if dst != BROADCAST:
                self.sock.sendto(bytes([ACK]) + dst + src + bytes([ch]) + token, addr)
            sink = self.sink
            if sink is not None:
                sink(bytes(src), bytes(data[16:]))

    def transmit(self, src, dst, payload, wait_ack):
        """Sends a frame; True when the peer's radio acknowledged (or wait_ack is False)."""
        with self.lock:
            addr = self.addresses.get(dst)
            self.token = (self.token + 1) & 0xFFFF
            token = struct.pack(">H", self.token)
        if addr is None:
            time.sleep(0.002)  # the radio tries, nobody answers
            return not wait_ack
        ev = threading.Event()
        self.acks[token] = ev
        try:
            self.sock.sendto(bytes([DATA]) + src + dst + bytes([self.board.channel]) + token + payload, addr)
            return ev.wait(ACK_WAIT_S) if wait_ack else True
        finally:
            self.acks.pop(token, None)


def _noise(n):
    """Random bytes with stray sync bytes, an impossible length and a frame cut short."""
    import random

    r = random.Random(n)
    out = bytearray(r.getrandbits(8) for _ in range(n))
    for i in range(0, n, 97):
        out[i] = 0xA5
    out += b"\xa5\x81\x7f\xff"  # a length no frame has
    out += b"\xa5\x81\x00\x40" + bytes(10)  # a RECV cut short: its 64 bytes never come
    return bytes(out)


class Board:
    """State of the simulated board; reset() returns it to power-on state."""

    def __init__(self, args):
        self.args = args
        self.sta_mac = bytes.fromhex(args.sta_mac)
        self.ap_mac = bytes.fromhex(args.ap_mac)
        self.serial = None
        self.air = None
        self.firmware_thread = threading.get_ident()
        self.ap_ssid = args.ap_ssid
        self.ap_channel = args.ap_channel
        self.ap_up = bool(args.ap_ssid)
        self.pending_reset = None
        self.generation = 0
        self.reset_cause = 1
        self.kbd_intr = 3
        self.espnow = None
        self.reset_state()

    def reset_state(self):
        """Power-on state: radio off, no peers, watchdog stopped (its thread ends), default channel."""
        self.generation += 1
        self.channel = self.args.channel
        self.sta_active = False
        self.ap_active = False
        self.sta_joined = None  # SSID joined
        if self.espnow is not None:
            os.close(self.espnow.bell_r)
            os.close(self.espnow.bell_w)
        self.espnow = None
        self.wdt = None
        self.kbd_intr = 3
        if self.air is not None:
            self.air.sink = None

    def my_macs(self):
        macs = []
        if self.sta_active:
            macs.append(self.sta_mac)
        if self.ap_active:
            macs.append(self.ap_mac)
        return macs

    def sta_connected(self):
        return self.sta_joined is not None and self.ap_up and self.sta_joined == self.ap_ssid

    def follow_ap(self):
        if self.sta_connected():
            self.channel = self.ap_channel

    def request_reset(self, why):
        """From any thread: the firmware's thread gets BoardReset at its next instruction."""
        self.pending_reset = why
        os.kill(os.getpid(), signal.SIGUSR1)  # interrupts a blocking call (sleep, write)

    def control(self, command):
        words = command.split()
        if not words:
            return "empty command"
        op = words[0]
        if op == "reset":
            self.request_reset("reset by the test")
            return "ok"
        if op == "ap_channel" and len(words) == 2:
            self.ap_channel = int(words[1])
            self.follow_ap()
            return "ok"
        if op == "stall_uart" and len(words) == 2:
            self.serial.stall_s = int(words[1]) / 1000.0
            return "ok"
        if op in ("noise", "rx_noise") and len(words) == 2:
            noise = _noise(int(words[1]))
            if op == "noise":
                self.serial.tx_noise = noise
            else:
                self.serial.rx_noise = noise
            return "ok"
        if op == "status":
            peers = 0 if self.espnow is None else len(self.espnow.peers)
            return "channel %d peers %d dropped %d" % (self.channel, peers, self.air.dropped)
        return "unknown command " + command
