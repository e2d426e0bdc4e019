#!/usr/bin/env python3
# framing_tool.py: the firmware's own framing code (features/relay-modem/modem.py) driven from
# the command line, so the Java tests can check that gateway and firmware agree byte for byte.
#   framing_tool.py FIRMWARE_DIR decode   stdin: raw bytes; stdout: "TYPE PAYLOAD_HEX" per frame
#   framing_tool.py FIRMWARE_DIR encode   stdin: "TYPE PAYLOAD_HEX" lines; stdout: frames as hex lines
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "standins"))
sys.path.insert(1, os.path.abspath(sys.argv[1]))

import modem  # noqa: E402  (the firmware module; its hardware modules are the stand-ins)

if sys.argv[2] == "decode":
    data = sys.stdin.buffer.read()
    out = []
    d = modem.Decoder(lambda kind, payload: out.append("%02x %s" % (kind, payload.hex())))
    for i in range(0, len(data), 37):  # in chunks, as a UART delivers them
        d.feed(data[i:i + 37])
    for _ in range(len(data) + 1):  # the line goes quiet: false starts are dropped
        if not d.buf:
            break
        d.idle()
    print("\n".join(out))
else:
    for line in sys.stdin:
        kind, _, payload = line.strip().partition(" ")
        print(modem.encode(int(kind, 16), bytes.fromhex(payload)).hex())
