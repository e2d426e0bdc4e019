# CPython stand-in for MicroPython's uasyncio V3 (tests only): asyncio plus sleep_ms.
from asyncio import *  # noqa: F401,F403
import asyncio as _asyncio


async def sleep_ms(ms):
    await _asyncio.sleep(ms / 1000)
