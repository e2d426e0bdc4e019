# Stand-in for MicroPython's espnow module on the simulated board (_board.Air): the API the
# firmware uses (ESPNow singleton, active, config, add_peer/del_peer/get_peer/peer_count, send,
# irecv, any, stats, pollable), with the ESP32's limits: 20 peers, 250-byte frames, unicast only
# to registered peers, a bounded receive buffer (frames beyond it are dropped but still acked,
# as the real driver does), sends that report the peer radio's acknowledgement.

import os
import threading

import _board

MAX_DATA_LEN = 250
KEY_LEN = 16
ADDR_LEN = 6
MAX_TOTAL_PEER_NUM = 20
MAX_ENCRYPT_PEER_NUM = 6


def _error(name):
    return OSError(-1, name)


class ESPNow:
    _instance = None

    def __new__(cls):
        board = _board.BOARD
        if board.espnow is None:
            board.espnow = super().__new__(cls)
            board.espnow._init(board)
        return board.espnow

    def _init(self, board):
        self.board = board
        self.on = False
        self.peers = {}  # mac -> ifidx
        self.rxbuf = 526
        self.queue = []
        self.queued_bytes = 0
        self.lock = threading.Lock()
        self.bell_r, self.bell_w = os.pipe()
        os.set_blocking(self.bell_r, False)
        self.stats_ = [0, 0, 0, 0, 0]

    def active(self, flag=None):
        if flag is None:
            return self.on
        self.on = bool(flag)
        if self.on:
            self.board.air.sink = self._received
        else:
            self.board.air.sink = None
            self.peers.clear()
            with self.lock:
                self.queue.clear()
                self.queued_bytes = 0
        return self.on

    def config(self, *args, **kw):
        if not self.on:
            raise _error("ESP_ERR_ESPNOW_NOT_INIT")
        if args:
            return {"rxbuf": self.rxbuf, "timeout_ms": 0}[args[0]]
        if "rxbuf" in kw:
            self.rxbuf = int(kw["rxbuf"])
        return None

    def _received(self, src, payload):
        # Air thread: the driver buffers the frame if there is room (it was acked either way).
        with self.lock:
            if self.queued_bytes + len(payload) + 7 > self.rxbuf:
                self.stats_[4] += 1
                self.board.air.dropped += 1
                return
            self.queue.append((src, payload))
            self.queued_bytes += len(payload) + 7
            self.stats_[3] += 1
        os.write(self.bell_w, b"x")

    def fileno(self):  # select.poll() on the ESPNow object, as on the board
        return self.bell_r

    def any(self):
        with self.lock:
            return bool(self.queue)

    def irecv(self, timeout_ms=None):
        with self.lock:
            if not self.queue:
                return (None, None)
            src, payload = self.queue.pop(0)
            self.queued_bytes -= len(payload) + 7
        try:
            os.read(self.bell_r, 1)
        except BlockingIOError:
            pass
        return [bytearray(src), bytearray(payload)]

    recv = irecv

    def _check_mac(self, mac):
        if not isinstance(mac, (bytes, bytearray)) or len(mac) != ADDR_LEN:
            raise ValueError("invalid mac")

    def add_peer(self, mac, lmk=None, channel=0, ifidx=0, encrypt=False):
        if not self.on:
            raise _error("ESP_ERR_ESPNOW_NOT_INIT")
        self._check_mac(mac)
        mac = bytes(mac)
        if mac in self.peers:
            raise _error("ESP_ERR_ESPNOW_EXIST")
        if len(self.peers) >= MAX_TOTAL_PEER_NUM:
            raise _error("ESP_ERR_ESPNOW_FULL")
        self.peers[mac] = ifidx

    def del_peer(self, mac):
        self._check_mac(mac)
        if bytes(mac) not in self.peers:
            raise _error("ESP_ERR_ESPNOW_NOT_FOUND")
        del self.peers[bytes(mac)]

    def get_peer(self, mac):
        ifidx = self.peers.get(bytes(mac))
        if ifidx is None:
            raise _error("ESP_ERR_ESPNOW_NOT_FOUND")
        return (bytes(mac), b"", 0, ifidx, False)

    def peer_count(self):
        return (len(self.peers), 0)

    def send(self, mac, msg=None, sync=True):
        if not self.on:
            raise _error("ESP_ERR_ESPNOW_NOT_INIT")
        self._check_mac(mac)
        if len(msg) > MAX_DATA_LEN:
            raise _error("ESP_ERR_ESPNOW_ARG")
        ifidx = self.peers.get(bytes(mac))
        if ifidx is None:
            raise _error("ESP_ERR_ESPNOW_NOT_FOUND")
        board = self.board
        if (ifidx == 1 and not board.ap_active) or (ifidx == 0 and not board.sta_active):
            raise _error("ESP_ERR_ESPNOW_IF")
        src = board.ap_mac if ifidx == 1 else board.sta_mac
        self.stats_[0] += 1
        ok = board.air.transmit(src, bytes(mac), bytes(msg), sync)
        if ok:
            self.stats_[1] += 1
        else:
            self.stats_[2] += 1
        return ok

    def stats(self):
        return tuple(self.stats_)
