/* Issue 9 item 14: event-listener calls, in order, on the client's ordered executor. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttEventListener;
import io.mqttas.session.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands each event to the registered {@link MqttEventListener}s on the client's executor. With no
 * listener registered an event costs one volatile read and nothing is queued, so the hot path pays
 * nothing for observability it does not use.
 */
final class EventDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatch.class);

    private final List<MqttEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Executor executor;
    private final String name;
    private volatile boolean any;

    EventDispatch(MqttEventListener first, Executor executor, String name) {
        this.executor = executor;
        this.name = name;
        if (first != null) {
            listeners.add(first);
            any = true;
        }
    }

    Registration add(MqttEventListener l) {
        listeners.add(l);
        any = true;
        return () -> {
            listeners.remove(l);
            any = !listeners.isEmpty();
        };
    }

    /** Whether anybody listens (callers may skip building an event's arguments). */
    boolean active() {
        return any;
    }

    void emit(Consumer<MqttEventListener> event) {
        if (!any) {
            return;
        }
        executor.execute(() -> {
            for (MqttEventListener l : listeners) {
                try {
                    event.accept(l);
                } catch (Throwable t) {
                    LOG.warn("{}: event listener threw (ignored)", name, t);
                }
            }
        });
    }
}
