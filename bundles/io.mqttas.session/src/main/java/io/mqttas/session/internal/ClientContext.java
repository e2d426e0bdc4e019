/* DESIGN.md §6 and issue 9 items 3, 15: what every part of one client shares — its lock, clock, loop and executor. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;

import java.util.concurrent.Executor;

/**
 * One client's shared pieces. The rules that hold for all parts of the client:
 * <ul>
 * <li>all mutable state is guarded by {@link #lock}; code holding it never blocks, never runs
 * application code and never completes a caller's future (it hands the completion to
 * {@link #executor});</li>
 * <li>asynchronous events (timers, transport callbacks, link changes) run on {@link #loop}, the
 * client's selector loop; timers only post to it;</li>
 * <li>completions, listeners and event-listener calls run on {@link #executor}, in order.</li>
 * </ul>
 */
final class ClientContext {
    final MqttConfig config;
    /** The protocol version every connection of this client speaks ({@code mqttv5}). */
    final io.mqttas.codec.MqttVersion version;
    /** {@code version == MQTT_5}: the checks of the 5.0 paths, kept off the 3.1.1 ones. */
    final boolean v5;
    final String name;
    final Object lock = new Object();
    final Scheduler clock;
    final Executor loop;
    final OrderedExecutor executor;
    final Executor work;
    final Metrics metrics = new Metrics();
    final EventDispatch events;
    private long generations; // guarded by lock
    /** MQTT 5.0: the client identifier the broker assigned (client_id empty), used for every later CONNECT; guarded by lock. */
    String assignedClientId;

    ClientContext(MqttConfig config, String name, Scheduler clock, Executor loop, OrderedExecutor executor, Executor work) {
        this.config = config;
        this.v5 = config.mqttv5();
        this.version = v5 ? io.mqttas.codec.MqttVersion.MQTT_5 : io.mqttas.codec.MqttVersion.MQTT_3_1_1;
        this.name = name;
        this.clock = clock;
        this.loop = loop;
        this.executor = executor;
        this.work = work;
        this.events = new EventDispatch(config.eventListener(), executor, name);
    }

    /** Whether the calling thread is the client's loop. */
    boolean inLoop() {
        return loop instanceof IoLoop l && l.inLoop();
    }

    /** The next connection's generation number. Under lock. */
    long nextGeneration() {
        return ++generations;
    }

    long generations() {
        return generations;
    }

    /** Runs {@code task} on the loop under the client lock after {@code delayMillis} (the timer only posts the event). */
    Scheduler.Task later(long delayMillis, Runnable task) {
        return clock.schedule(delayMillis, () -> onLoop(task));
    }

    /** Runs {@code task} on the loop under the client lock. */
    void onLoop(Runnable task) {
        loop.execute(() -> {
            synchronized (lock) {
                task.run();
            }
        });
    }
}
