# pbmqtt.py (test model) - the original MQTT bridge host driver, class MQTTlink (bridge V0.1,
# host/pbmqtt.py at 40fcff7), re-expressed by the mqttas authors from spec/bridge.md sections 4
# and 6 and that source's behaviour, so tests can run a host that behaves like an unmodified one
# under CPython. Not the original code.
#
# Its defects are kept on purpose, because the gateway must not trip over them:
# - with verbose=True every status is printed through an 11-entry table indexed without a bounds
#   check, and UNKNOWN (6) prints the two fields after the value: any other status value, or a
#   6 with fewer fields, raises inside the link task, which then dies for good;
# - publish() holds the publish lock and waits for PUBOK with no timeout;
# - a refused will or init (6, 8, 10) ends the session, the channel resets the bridge and the
#   same will/init is sent again at once, for ever;
# - the default status handler's 30 s pause before a reboot is never awaited.
# The only addition: the channel task is kept in self.link_task so tests can see it die.
import uasyncio as asyncio
from utime import localtime, gmtime
from syncom import SynCom
from status_values import (BROKER_FAIL, ESP_FAIL, MEM, NO_NET, PUBLISH, PUBOK, RUNNING, SEP, SPECNET,
                           STATUS, SUBSCRIBE, SUBSCRIPTION, TIME, UNKNOWN, WIFI_DOWN, WIFI_UP, WILL)

DEFAULTS = {
    'user_start': (lambda *_: None, ()),
    'fast': True,
    'mqtt_user': '',
    'mqtt_pw': '',
    'ssl': False,
    'ssl_params': repr({}),
    'use_default_net': True,
    'port': 0,
    'keepalive': 60,
    'ping_interval': 0,
    'clean_session': True,
    'debug': False,
    'verbose': False,
    'timeout': 10,
    'max_repubs': 4,
    'response_time': 10,
    'wifi_handler': (lambda *_: None, ()),
    'crash_handler': (lambda *_: None, ()),
    'status_handler': None,
    'timeserver': 'pool.ntp.org',
}

FATAL_DURING_INIT = (BROKER_FAIL, WIFI_DOWN, UNKNOWN)
FATAL_ALWAYS = (BROKER_FAIL, UNKNOWN)


def record(*fields):
    return SEP.join(str(f) for f in fields)


def init_record(c):
    return record('init', c['ssid'], c['password'], c['broker'], c['mqtt_user'], c['mqtt_pw'], c['ssl_params'],
                  int(c['use_default_net']), c['port'], int(c['ssl']), int(c['fast']), c['keepalive'],
                  int(c['debug']), int(c['clean_session']), c['max_repubs'], c['response_time'],
                  c['ping_interval'], c['timeserver'])


def clock():
    t = localtime()
    print('{:02d}:{:02d}:{:02d} '.format(t[3], t[4], t[5]), end='')


def check_qos(qos):
    if not isinstance(qos, int) or qos not in (0, 1):
        raise ValueError('Only qos 0 and 1 are supported.')


def check_text(s, what):
    if any(b == 0 or b >= 127 for b in s.encode('UTF8')):
        raise ValueError('Illegal character in {}'.format(what))


async def default_status_handler(link, status):
    await asyncio.sleep_ms(0)
    if status == SPECNET:
        if link.first_run:
            link.first_run = False
            return 1
        asyncio.sleep(30)  # the original's missing await: no pause at all
        return 0


class MQTTlink:
    lw_topic = None
    lw_msg = None
    lw_retain = False
    lw_qos = 0

    STATUS_TEXT = ('connected to broker', 'awaiting broker', 'awaiting default network',
                   'awaiting specified network', 'publish OK', 'running', 'unknown', 'Will registered',
                   'Fail to connect to broker', 'WiFi up', 'WiFi down')

    @classmethod
    def will(cls, topic, msg, retain=False, qos=0):
        cls.lw_topic, cls.lw_msg, cls.lw_retain, cls.lw_qos = topic, msg, retain, qos

    def __init__(self, *dicts, **kwargs):
        c = dict(DEFAULTS)
        for d in dicts:
            c.update(d)
        c.update(kwargs)
        self._user_start = c['user_start']
        self._status_handler = (default_status_handler, ()) if c['status_handler'] is None else c['status_handler']
        self._crash_handler = c['crash_handler']
        self._wifi_handler = c['wifi_handler']
        self._init_record = init_record(c)
        self.keepalive = c['keepalive']
        self.verbose = c['verbose']
        self._running_evt = asyncio.Event()
        self._channel = SynCom(False, c['sckin'], c['sckout'], c['srx'], c['stx'], c['reset'], c['timeout'] * 1000,
                              True, self.verbose)
        self.link_task = asyncio.create_task(self._channel.start(self._session, self._crashed))
        self._subs = {}
        self._pub_lock = asyncio.Lock()
        self._pubok = asyncio.Event()
        self._time_evt = asyncio.Event()
        self._wifi_evt = asyncio.Event()
        self.first_run = True
        self._time = 0
        self._epoch_offset = {2000: 0, 1970: 946684800}[gmtime(0)[0]]

    # API

    async def publish(self, topic, msg, retain=False, qos=0):
        check_qos(qos)
        check_text(topic, 'topic')
        check_text(msg, 'message')
        await self.ready()
        async with self._pub_lock:
            self._channel.send(record(PUBLISH, topic, msg, int(retain), qos))
            await self._pubok.wait()  # no timeout: released by PUBOK or a session restart

    async def subscribe(self, topic, qos, callback, *args):
        check_qos(qos)
        self._subs[topic] = (callback, qos, args)
        await self.ready()
        self._channel.send(record(SUBSCRIBE, topic, qos))

    async def command(self, *fields):
        await self.ready()
        self._channel.send(record(*fields))

    def running(self):
        return self._running_evt.is_set()

    async def ready(self):
        await self._running_evt.wait()
        await self._wifi_evt.wait()

    def wifi(self):
        return self._wifi_evt.is_set()

    async def get_time(self, pause=120, y2k=False):
        delta = 0 if y2k else self._epoch_offset
        self._time_evt.clear()
        self._time = 0
        while True:
            await self.ready()
            self._channel.send(TIME)
            try:
                await asyncio.wait_for(self._time_evt.wait(), pause // 2)
            except asyncio.TimeoutError:
                pass
            if self._time:
                return self._time + delta
            await asyncio.sleep(pause)

    # internals

    def _time_reply(self, action):
        try:
            self._time = int(action[0])
        except ValueError:
            self._time = 0
        self._time_evt.set()
        self._time_evt.clear()

    async def _crashed(self):
        cb, args = self._crash_handler
        cb(self, *args)
        await asyncio.sleep_ms(0)

    def _end(self, *msg):
        if msg:
            self.verbose and print(*msg)
        self._running_evt.clear()

    @staticmethod
    def _split(text):
        fields = text.split(SEP)
        return fields[0], fields[1:]

    def _status(self, action, last_status):
        try:
            value = int(action[0])
        except ValueError:
            return UNKNOWN
        if value == PUBOK:
            self._pubok.set()
            self._pubok.clear()
        elif value == RUNNING:
            self._running_evt.set()
        if value == WIFI_UP:
            self._wifi_evt.set()
        elif value == WIFI_DOWN:
            self._wifi_evt.clear()
        if last_status != -1 and value != last_status and value in (WIFI_UP, WIFI_DOWN):
            cb, args = self._wifi_handler
            cb(self._wifi_evt.is_set(), self, *args)
        if self.verbose:
            if value != UNKNOWN:
                if value != last_status:
                    clock()
                    print('Status: ', self.STATUS_TEXT[value])  # no bounds check (the defect)
            else:
                clock()
                print('Unknown status: {} {}'.format(action[1], action[2]))
        return value

    async def _session(self, channel):
        self.verbose and print('Starting...')
        self._pubok.set()   # release a publish left waiting by the previous session
        self._pubok.clear()
        self._time_evt.set()
        self._time_evt.clear()
        await asyncio.sleep_ms(0)
        self._running_evt.clear()
        handler, h_args = self._status_handler
        if self.lw_topic is not None:
            channel.send(record(WILL, self.lw_topic, self.lw_msg, self.lw_retain, self.lw_qos))
            res = await channel.await_obj()
            if res is None:
                await handler(self, ESP_FAIL, *h_args)
                return self._end('ESP8266 fail 1. Resetting.')
            command, action = self._split(res)
            if command == STATUS:
                value = self._status(action, -1)
                await handler(self, value, *h_args)
                if value in FATAL_DURING_INIT:
                    return self._end('Bad status: {}. Resetting.'.format(value))
            else:
                self.verbose and print('Expected will OK got: ', command, action)
        channel.send(self._init_record)
        while not self._running_evt.is_set():
            res = await channel.await_obj()
            if res is None:
                await handler(self, ESP_FAIL, *h_args)
                return self._end('ESP8266 fail 2. Resetting.')
            command, action = self._split(res)
            if command == STATUS:
                value = self._status(action, -1)
                answer = await handler(self, value, *h_args)
                if value == SPECNET:
                    if answer == 1:
                        channel.send('1')
                    else:
                        return self._end()
                if value in FATAL_DURING_INIT:
                    return self._end('Bad status. Resetting.')
            else:
                self.verbose and print('Init got: ', command, action)
        for topic in self._subs:
            channel.send(record(SUBSCRIBE, topic, self._subs[topic][1]))
        self.verbose and print('About to run user program.')
        if self._user_start[0] is not None:
            self._user_start[0](self, *self._user_start[1])
        cb, args = self._wifi_handler
        cb(True, self, *args)
        last = -1
        while True:
            state = channel.any()
            if state is None:
                self._running_evt.clear()
            elif state > 0:
                res = await channel.await_obj()
                command, action = self._split(res)
                if command == SUBSCRIPTION:
                    if action[0] in self._subs:
                        cb, qos, args = self._subs[action[0]]
                        cb(*(action + list(args)))
                elif command == STATUS:
                    last = self._status(action, last)
                    await handler(self, last, *h_args)
                    if last in FATAL_ALWAYS:
                        return self._end('Fatal status. Resetting.')
                elif command == TIME:
                    self._time_reply(action)
                elif command == MEM:
                    print('ESP8266 RAM free: {} allocated: {}'.format(action[0], action[1]))
                else:
                    await handler(self, UNKNOWN, *h_args)
                    return self._end('Got unhandled command, resetting ESP8266:', command, action)
            await asyncio.sleep_ms(20)
            if not self._running_evt.is_set():
                await handler(self, NO_NET, *h_args)
                return self._end('Not running, resetting ESP8266')
