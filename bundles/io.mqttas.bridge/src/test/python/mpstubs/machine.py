# CPython stand-in for MicroPython's machine module (tests only).
#
# UART: a pseudo-terminal (made by socat in the test) opened raw and non-blocking, with the
# MicroPython methods the host code uses: any(), read(n), write(buf).
#
# Pin: the host's five SynCom pins live in the JUnit test (simulated wires shared with the
# gateway's link). Each read or write is one message to the test's pin server at MQTTAS_PINS
# (host:port): b'r' + code -> b'0'/b'1'; b'w' + code + b'0'/b'1' (no reply). Codes: C sckout,
# D stx, R reset (outputs of the host); c sckin, d srx, h the host's own reset (inputs).
import fcntl
import os
import socket
import termios
import tty

_CODES = {'sckout': b'C', 'stx': b'D', 'reset': b'R', 'sckin': b'c', 'srx': b'd', 'run': b'h'}
_sock = None


def _server():
    global _sock
    if _sock is None:
        host, port = os.environ['MQTTAS_PINS'].rsplit(':', 1)
        _sock = socket.create_connection((host, int(port)))
        _sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return _sock


def _recv1(s):
    b = s.recv(1)
    if not b:
        raise OSError('pin server gone')
    return b


class Pin:
    IN = 0
    OUT = 1
    OPEN_DRAIN = 2
    PULL_UP = 1
    PULL_DOWN = 2

    def __init__(self, id, mode=-1, pull=None, value=None):
        self._code = _CODES[id]
        self._mode = mode
        if value is not None:
            self.value(value)

    def value(self, v=None):
        s = _server()
        if v is None:
            s.sendall(b'r' + self._code)
            return 1 if _recv1(s) == b'1' else 0
        s.sendall(b'w' + self._code + (b'1' if v else b'0'))

    def __call__(self, v=None):
        return self.value(v)


class UART:
    def __init__(self, id, baudrate=115200, **kwargs):
        path = id if isinstance(id, str) else os.environ['MQTTAS_UART']
        self._fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        tty.setraw(self._fd)

    def any(self):
        buf = fcntl.ioctl(self._fd, termios.FIONREAD, b'\0\0\0\0')
        return int.from_bytes(buf, 'little')

    def read(self, n=-1):
        try:
            data = os.read(self._fd, n if n and n > 0 else 4096)
        except BlockingIOError:
            return None
        return data or None

    def write(self, buf):
        try:
            return os.write(self._fd, bytes(buf))
        except BlockingIOError:
            return 0

    def deinit(self):
        os.close(self._fd)
