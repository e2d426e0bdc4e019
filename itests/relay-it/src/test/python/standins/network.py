# Stand-in for MicroPython's network module on the simulated board: WLAN(STA_IF) and
# WLAN(AP_IF) with what the modem firmware uses (active, config of mac/channel/pm/ssid, connect,
# disconnect, isconnected). One radio: both interfaces share the board's channel; a connected
# station follows the simulated access point's channel (the test may move it).

import time

import _board

STA_IF = 0
AP_IF = 1
AUTH_WPA2_PSK = 3


class WLAN:
    PM_NONE = 0
    PM_PERFORMANCE = 1
    PM_POWERSAVE = 2
    IF_STA = STA_IF
    IF_AP = AP_IF

    def __init__(self, interface=STA_IF):
        self.board = _board.BOARD
        self.interface = interface
        self.pm = self.PM_PERFORMANCE

    def active(self, flag=None):
        b = self.board
        if flag is None:
            return b.sta_active if self.interface == STA_IF else b.ap_active
        if self.interface == STA_IF:
            b.sta_active = bool(flag)
            if not flag:
                b.sta_joined = None
        else:
            b.ap_active = bool(flag)
        return None

    def connect(self, ssid=None, key=None):
        if self.interface != STA_IF or not self.board.sta_active:
            raise OSError(-1, "Wifi Internal Error")
        time.sleep(0.05)
        self.board.sta_joined = ssid
        self.board.follow_ap()

    def disconnect(self):
        if self.interface == STA_IF:
            self.board.sta_joined = None

    def isconnected(self):
        return self.interface == STA_IF and self.board.sta_connected()

    def config(self, *args, **kw):
        b = self.board
        if args:
            name = args[0]
            if name == "mac":
                return b.sta_mac if self.interface == STA_IF else b.ap_mac
            if name == "channel":
                b.follow_ap()
                return b.channel
            if name == "pm":
                return self.pm
            raise ValueError("unknown config param " + name)
        for name, value in kw.items():
            if name == "channel":
                if not 1 <= value <= 14:
                    raise ValueError("invalid channel")
                if b.sta_connected():
                    raise OSError(-1, "channel follows the access point")
                b.channel = value
            elif name == "pm":
                self.pm = value
            elif name in ("ssid", "essid", "key", "password", "security", "authmode", "hidden", "txpower",
                          "reconnects"):
                pass
            else:
                raise ValueError("unknown config param " + name)
        return None
