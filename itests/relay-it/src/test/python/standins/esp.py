# Stand-in for MicroPython's esp module: osdebug() (the IDF's log output; there is none here).
def osdebug(level, *args):
    return None
