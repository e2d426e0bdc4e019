# host_main.py - the test driver around the MQTTlink model (tests only).
#
# argv[1]: JSON {"transport": "syncom" | "uart", "config": {MQTTlink keyword arguments},
#                "will": [topic, msg, retain, qos] or null}
# stdin:  one command per line, fields separated by TAB:
#         publish ID TOPIC MSG QOS RETAIN | subscribe TOPIC QOS | time PAUSE | command FIELD... | quit
# stdout: events, one per line, "EV" TAB kind TAB fields...; other lines are the host's own prints.
import json
import sys
import threading
import traceback

import uasyncio as asyncio
from machine import Pin, UART
import pbmqtt


def emit(*fields):
    sys.stdout.write('EV\t' + '\t'.join(str(f).replace('\t', ' ').replace('\n', ' ') for f in fields) + '\n')
    sys.stdout.flush()


async def status_handler(link, status):
    emit('status', status)
    return await pbmqtt.default_status_handler(link, status)


def on_message(topic, msg, retained):
    emit('message', topic, msg, retained)


def hardware(transport):
    if transport == 'uart':
        return {'sckin': UART(0, 115200), 'sckout': None, 'srx': None, 'stx': None, 'reset': None}
    return {'reset': Pin('reset', Pin.OPEN_DRAIN, value=1), 'sckout': Pin('sckout', Pin.OUT, value=0),
            'stx': Pin('stx', Pin.OUT, value=0), 'sckin': Pin('sckin', Pin.IN), 'srx': Pin('srx', Pin.IN)}


async def publish(link, ident, topic, msg, qos, retain):
    try:
        await link.publish(topic, msg, retain, qos)
        emit('published', ident)
    except Exception as e:
        emit('publish_error', ident, repr(e))


async def get_time(link, pause):
    emit('time', await link.get_time(pause=pause))


async def watch(link):
    while not link.link_task.done():
        await asyncio.sleep_ms(50)
    exc = None if link.link_task.cancelled() else link.link_task.exception()
    emit('died', repr(exc))
    if exc is not None:
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


async def main(spec):
    loop = asyncio.get_running_loop()
    commands = asyncio.Queue()

    def read_stdin():
        for line in sys.stdin:
            loop.call_soon_threadsafe(commands.put_nowait, line.rstrip('\n'))
        loop.call_soon_threadsafe(commands.put_nowait, 'quit')

    threading.Thread(target=read_stdin, daemon=True).start()
    if spec.get('will'):
        pbmqtt.MQTTlink.will(*spec['will'])
    config = dict(spec['config'])
    config.update(hardware(spec['transport']))
    config['status_handler'] = (status_handler, ())
    config['wifi_handler'] = (lambda up, link: emit('wifi', int(up)), ())
    config['crash_handler'] = (lambda link: emit('crash'), ())
    config['user_start'] = (lambda link: emit('start'), ())
    link = pbmqtt.MQTTlink(config)
    asyncio.create_task(watch(link))
    emit('up')
    tasks = set()
    while True:
        f = (await commands.get()).split('\t')
        if f[0] == 'quit':
            break
        if f[0] == 'publish':
            t = asyncio.create_task(publish(link, f[1], f[2], f[3], int(f[4]), f[5] == '1'))
        elif f[0] == 'subscribe':
            t = asyncio.create_task(link.subscribe(f[1], int(f[2]), on_message))
        elif f[0] == 'time':
            t = asyncio.create_task(get_time(link, int(f[1])))
        elif f[0] == 'command':
            t = asyncio.create_task(link.command(*f[1:]))
        else:
            emit('bad_command', f[0])
            continue
        tasks.add(t)
        t.add_done_callback(tasks.discard)


if __name__ == '__main__':
    asyncio.run(main(json.loads(sys.argv[1])))
