/* spec/mqtt_as.md §5 and DESIGN.md §4: the two application interfaces (events or callbacks) plus run-time listeners. */
package io.mqttas.session.internal;

import io.mqttas.session.ConnectListener;
import io.mqttas.session.Event;
import io.mqttas.session.LinkListener;
import io.mqttas.session.Message;
import io.mqttas.session.MessageListener;
import io.mqttas.session.MessageQueue;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the application sees. Event mode ({@code queue_len > 0}): latched {@code up}/{@code down}
 * events and a bounded drop-oldest queue. Callback mode: {@code subs_cb}, {@code wifi_coro},
 * {@code connect_coro}. In both modes the listeners added at run time get everything. Every listener
 * call runs on the client's ordered executor, never on the loop and never under the session lock;
 * one that throws is logged and the rest still run (B3, B15). The payload a message arrived with is
 * handed to the first consumer as it is (copied once on the way in, by the decoder); further
 * listeners get their own copies, so none can change what another sees.
 */
final class ApplicationInterface {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationInterface.class);

    private final MqttConfig config;
    private final String name;
    private final Completions executor;
    private final LatchedEvent up = new LatchedEvent();
    private final LatchedEvent down = new LatchedEvent();
    private final DropOldestQueue queue;
    private final List<MessageListener> messageListeners = new CopyOnWriteArrayList<>();
    private final List<io.mqttas.session.MessageHandler> messageHandlers = new CopyOnWriteArrayList<>();
    private final List<LinkListener> linkListeners = new CopyOnWriteArrayList<>();
    private final List<ConnectListener> connectListeners = new CopyOnWriteArrayList<>();

    ApplicationInterface(MqttConfig config, String name, Completions executor) {
        this.config = config;
        this.name = name;
        this.executor = executor;
        this.queue = new DropOldestQueue(Math.max(1, config.queueLen()));
    }

    private boolean eventMode() {
        return config.queueLen() > 0;
    }

    /** After every successful connect: {@code up}, link listeners (true), then connect listeners. */
    void connected(MqttClient client) {
        if (eventMode()) {
            up.set();
        }
        executor.run(() -> {
            if (!eventMode() && config.wifiCoro() != null) {
                link(config.wifiCoro(), true);
            }
            linkListeners.forEach(l -> link(l, true));
            if (!eventMode() && config.connectCoro() != null) {
                connect(config.connectCoro(), client);
            }
            connectListeners.forEach(l -> connect(l, client));
        });
    }

    /** Once per outage: {@code down}, link listeners (false). */
    void lost() {
        if (eventMode()) {
            down.set();
        }
        executor.run(() -> {
            if (!eventMode() && config.wifiCoro() != null) {
                link(config.wifiCoro(), false);
            }
            linkListeners.forEach(l -> link(l, false));
        });
    }

    /**
     * Hands {@code m} to the application; runs on the executor, returns when every consumer has it.
     * {@code owned} is the array {@code m} wraps: the first consumer gets it without a copy.
     */
    void deliver(Message m, byte[] owned) {
        boolean first = true;
        if (eventMode()) {
            queue.put(m);
            first = false;
        } else if (config.subsCb() != null) {
            message(config.subsCb(), m, owned);
            first = false;
        } else if (config.messageHandler() != null) {
            handler(config.messageHandler(), m);
        }
        for (MessageListener l : messageListeners) {
            message(l, m, first ? owned : m.payload());
            first = false;
        }
        for (io.mqttas.session.MessageHandler h : messageHandlers) {
            handler(h, m);
        }
    }

    private void handler(io.mqttas.session.MessageHandler h, Message m) {
        try {
            h.onMessage(m);
        } catch (Throwable t) {
            LOG.warn("{}: message handler threw on {} (ignored, reception continues)", name, m.topic(), t);
        }
    }

    Registration addMessageHandler(io.mqttas.session.MessageHandler h) {
        messageHandlers.add(h);
        return () -> messageHandlers.remove(h);
    }

    private void link(LinkListener l, boolean isUp) {
        try {
            l.onLink(isUp);
        } catch (Throwable t) {
            LOG.warn("{}: link listener threw (ignored)", name, t);
        }
    }

    private void connect(ConnectListener l, MqttClient client) {
        try {
            l.onConnect(client);
        } catch (Throwable t) {
            LOG.warn("{}: connect listener threw (ignored)", name, t);
        }
    }

    private void message(MessageListener l, Message m, byte[] payload) {
        try {
            l.onMessage(m.topic(), payload, m.retained());
        } catch (Throwable t) {
            LOG.warn("{}: message listener threw on {} (ignored, reception continues)", name, m.topic(), t);
        }
    }

    Event up() {
        return up;
    }

    Event down() {
        return down;
    }

    MessageQueue queue() {
        return queue;
    }

    int queueSize() {
        return queue.size();
    }

    Registration addMessageListener(MessageListener l) {
        messageListeners.add(l);
        return () -> messageListeners.remove(l);
    }

    Registration addLinkListener(LinkListener l) {
        linkListeners.add(l);
        return () -> linkListeners.remove(l);
    }

    Registration addConnectListener(ConnectListener l) {
        connectListeners.add(l);
        return () -> connectListeners.remove(l);
    }
}
