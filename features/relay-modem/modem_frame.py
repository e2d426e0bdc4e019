# modem_frame.py: the framing of the mqttas ESP-NOW modem protocol 2 (docs/relay-modem.md), shared
# by the gateway side (io.mqttas.relay ModemFrame, in Java) byte for byte. MIT licence.
#
# Frame, both directions: 0xA5, type, length (u16 big-endian), payload, CRC-16/CCITT-FALSE (u16
# big-endian, poly 0x1021, init 0xFFFF) over type, length and payload. A bad length or CRC drops
# only the sync byte, so noise that looks like a sync byte never eats the next good frame.

from micropython import const

PROTOCOL = const(2)
SYNC = const(0xA5)
MAX_PAYLOAD = const(512)
MAX_DATA = const(250)

# host -> modem
SEND = const(0x01)
ADD_PEER = const(0x02)
GET_CHANNEL = const(0x03)
SET_CHANNEL = const(0x04)
GET_MAC = const(0x05)
INFO = const(0x06)
DEL_PEER = const(0x07)
# modem -> host
RESULT = const(0x80)
RECV = const(0x81)
HELLO = const(0x82)
CHANNEL = const(0x83)
LOG = const(0x84)
# RESULT status
OK = const(0)
NOT_ACKED = const(1)
ERROR = const(2)
# LOG levels
INFO_LEVEL = const(0)
WARNING = const(1)
FAILURE = const(2)


def _crc_table():
    table = []
    for i in range(256):
        c = i << 8
        for _ in range(8):
            c = ((c << 1) ^ 0x1021) if c & 0x8000 else (c << 1)
        table.append(c & 0xFFFF)
    return table


_CRC = _crc_table()


def crc16(data, start, end):
    crc = 0xFFFF
    table = _CRC
    for i in range(start, end):
        crc = ((crc << 8) & 0xFFFF) ^ table[((crc >> 8) ^ data[i]) & 0xFF]
    return crc


def encode(kind, payload):
    n = len(payload)
    out = bytearray(6 + n)
    out[0] = SYNC
    out[1] = kind
    out[2] = n >> 8
    out[3] = n & 0xFF
    out[4:4 + n] = payload
    c = crc16(out, 1, 4 + n)
    out[4 + n] = c >> 8
    out[5 + n] = c & 0xFF
    return out


def errtext(e):
    a = e.args
    if len(a) > 1:
        return str(a[1])
    return str(a[0]) if a else repr(e)


class Decoder:
    # Incremental decoder: hands (kind, payload) of every valid frame to `out`. Memory bounded by
    # one maximal frame plus one chunk.
    def __init__(self, out):
        self.out = out
        self.buf = bytearray()

    def feed(self, data):
        self.buf.extend(data)
        self._parse()

    def idle(self):
        # The line was quiet: a frame still incomplete was a false start. Drop its sync byte.
        if self.buf:
            self.buf = self.buf[1:]
            self._parse()

    def _parse(self):
        buf = self.buf
        while buf:
            if buf[0] != SYNC:
                i = 1
                n = len(buf)
                while i < n and buf[i] != SYNC:
                    i += 1
                buf = buf[i:]
                continue
            if len(buf) < 4:
                break
            n = (buf[2] << 8) | buf[3]
            if n > MAX_PAYLOAD:
                buf = buf[1:]
                continue
            if len(buf) < n + 6:
                break
            if crc16(buf, 1, 4 + n) == (buf[4 + n] << 8) | buf[5 + n]:
                kind = buf[1]
                payload = bytes(buf[4:4 + n])
                self.buf = buf[6 + n:]
                self.out(kind, payload)
                buf = self.buf
            else:
                buf = buf[1:]
        self.buf = buf
