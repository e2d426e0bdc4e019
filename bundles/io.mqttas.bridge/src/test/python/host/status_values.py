# Status values and command codes of the MQTT bridge (spec/bridge.md 4.2, 4.4), for the test model.
BROKER_OK = 0
BROKER_CHECK = 1
DEFNET = 2
SPECNET = 3
PUBOK = 4
RUNNING = 5
UNKNOWN = 6
WILLOK = 7
BROKER_FAIL = 8
WIFI_UP = 9
WIFI_DOWN = 10
ESP_FAIL = 11   # host-local: the link failed during will/init
NO_NET = 12     # host-local: the link failed or the session ended while running

PUBLISH = 'p'
SUBSCRIBE = 's'
STATUS = 't'
TIME = 'i'
MEM = 'm'
WILL = 'w'
SUBSCRIPTION = 'u'

SEP = chr(127)
