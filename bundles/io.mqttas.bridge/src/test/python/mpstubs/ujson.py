# CPython stand-in for MicroPython's ujson (tests only).
from json import dumps, loads  # noqa: F401
