# boot.py: runs before main.py. The modem uses the USB serial line for binary frames, so the
# ESP-IDF's own log lines are switched off (they would only cost the gateway's decoder some bytes).
import esp

esp.osdebug(None)
