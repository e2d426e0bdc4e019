# CPython stand-in for MicroPython's utime (tests only). Like a Pyboard or Pico, the epoch is
# 2000-01-01; ticks wrap as MicroPython's do (30 bits).
import time as _time

_EPOCH_2000 = 946684800
_T0 = _time.monotonic()
_MASK = (1 << 30) - 1
_HALF = 1 << 29


def ticks_ms():
    return int((_time.monotonic() - _T0) * 1000) & _MASK


def ticks_diff(a, b):
    return ((a - b + _HALF) & _MASK) - _HALF


def sleep_ms(ms):
    _time.sleep(ms / 1000)


def time():
    return int(_time.time()) - _EPOCH_2000


def gmtime(secs=None):
    t = _time.gmtime((time() if secs is None else secs) + _EPOCH_2000)
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday)


localtime = gmtime
