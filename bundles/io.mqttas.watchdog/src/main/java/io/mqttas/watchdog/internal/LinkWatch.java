/*
 * spec/mqtt_as.md §8.2 (link up, 5 s stability check), §10.1 (one notification per transition),
 * §10.2 (link cycling), §4.9 (wan_ok), §18.1 (network link abstraction). Plain Java: the DS
 * component in io.mqttas.watchdog.component wires it; unit tests drive poll() directly.
 */
package io.mqttas.watchdog.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.watchdog.LinkListener;
import io.mqttas.watchdog.NetworkLink;

/**
 * Polls an {@link InterfaceSource} and keeps the link state. Each poll compares the watched link
 * with the last state and notifies listeners once per change, in order (polls are serialised).
 * One thread, {@code mqttas-watchdog}, exists between {@link #start()} and {@link #close()}.
 */
public final class LinkWatch implements NetworkLink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkWatch.class);

    private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
    private final Object pollLock = new Object();
    private final Object stateLock = new Object();

    private volatile WatchdogSettings settings;
    private volatile InterfaceSource source;
    private ScheduledExecutorService scheduler;   // guarded by this
    private Thread thread;                        // the scheduler's one thread, guarded by this
    private ScheduledFuture<?> polling;           // guarded by this

    // guarded by stateLock
    private boolean up;
    private long upSince;   // System.nanoTime() of the last transition to up
    private long transitions;

    private boolean sourceFailing;   // guarded by pollLock: log a failing source once per streak

    public LinkWatch(WatchdogSettings settings, InterfaceSource source) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Takes a first observation (without notifying: there was no state before) and starts polling. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        observeInitialState();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqttas-watchdog");
            t.setDaemon(true);
            synchronized (this) {
                thread = t;
            }
            return t;
        });
        schedule();
        LOG.info("network watchdog started: {}; link is {}", describe(), isUp() ? "up" : "down");
    }

    private void observeInitialState() {
        Boolean now = observe();
        synchronized (stateLock) {
            up = now != null && now;
            upSince = System.nanoTime();
        }
    }

    private void schedule() {
        long every = settings.pollInterval().toMillis();
        polling = scheduler.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Applies new settings: the state and the listeners are kept; the next poll uses the new selection. */
    public synchronized void reconfigure(WatchdogSettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
        if (scheduler != null) {
            polling.cancel(false);
            schedule();
        }
        LOG.info("network watchdog reconfigured: {}", describe());
    }

    /** Switches the source (Kura's service appeared or went away); the next poll uses it. */
    public void setSource(InterfaceSource newSource) {
        this.source = Objects.requireNonNull(newSource, "source");
        LOG.info("network watchdog now reads interfaces from {}", newSource.name());
    }

    public InterfaceSource source() {
        return source;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | Error e) {
            LOG.error("network watchdog poll failed; polling continues", e);
        }
    }

    /** One observation; notifies listeners if the link changed. Also called by tests and by awaitStable. */
    public void poll() {
        synchronized (pollLock) {
            Boolean now = observe();
            if (now == null) {
                return;   // no information: keep the last state
            }
            boolean changed;
            synchronized (stateLock) {
                changed = now != up;
                if (changed) {
                    up = now;
                    transitions++;
                    if (now) {
                        upSince = System.nanoTime();
                    }
                    stateLock.notifyAll();
                }
            }
            if (changed) {
                LOG.info("link {} is {}", settings.target(), now ? "up" : "down");
                for (LinkListener l : listeners) {
                    try {
                        l.linkChanged(now);
                    } catch (RuntimeException e) {
                        LOG.warn("link listener {} failed; others are still told", l, e);
                    }
                }
            }
        }
    }

    /** The watched link's state now, or null when the source cannot tell. */
    private Boolean observe() {
        WatchdogSettings s = settings;
        InterfaceSource src = source;
        try {
            boolean any = false;
            for (InterfaceState state : src.interfaces()) {
                if (state.up() && s.selects(state)) {
                    any = true;
                    break;
                }
            }
            synchronized (pollLock) {
                if (sourceFailing) {
                    LOG.info("interface source {} answers again", src.name());
                }
                sourceFailing = false;
            }
            return any;
        } catch (Exception e) {
            synchronized (pollLock) {
                if (!sourceFailing) {
                    LOG.warn("interface source {} failed ({}); keeping the last link state", src.name(), e.toString());
                }
                sourceFailing = true;
            }
            return null;
        }
    }

    @Override
    public boolean isUp() {
        synchronized (stateLock) {
            return up;
        }
    }

    /** Number of transitions seen since start (tests, status). */
    public long transitions() {
        synchronized (stateLock) {
            return transitions;
        }
    }

    @Override
    public boolean awaitStable(Duration timeout) throws InterruptedException {
        return awaitStable(settings.stable(), timeout);
    }

    @Override
    public boolean awaitStable(Duration stable, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long stableNanos = stable.toNanos();
        poll();   // start from a fresh observation, not one up to a poll interval old
        synchronized (stateLock) {
            while (true) {
                long now = System.nanoTime();
                if (up && now - upSince >= stableNanos) {
                    return true;
                }
                long left = deadline - now;
                if (left <= 0) {
                    return false;
                }
                long wait = up ? Math.min(left, upSince + stableNanos - now) : left;
                // a drop (or a rise) is signalled by poll(); a drop restarts the count at the next rise
                TimeUnit.NANOSECONDS.timedWait(stateLock, Math.max(wait, 1));
            }
        }
    }

    @Override
    public void addListener(LinkListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(LinkListener listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean cycle() {
        try {
            return LinkCycler.cycle(settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean wanOk() {
        WatchdogSettings s = settings;
        return DnsProbe.probe(s.wanDnsServer(), s.wanDnsPort(), s.wanDnsName(), s.wanTimeout());
    }

    @Override
    public String describe() {
        return settings.target() + " (" + source.name() + ")";
    }

    public WatchdogSettings settings() {
        return settings;
    }

    /** Stops polling and joins the thread (bounded). Listeners are dropped. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        Thread t;
        synchronized (this) {
            s = scheduler;
            t = thread;
            scheduler = null;
            thread = null;
        }
        listeners.clear();
        if (s == null) {
            return;
        }
        s.shutdownNow();
        try {
            // The pool reports termination just before its thread exits: join it too, so the
            // thread is gone when close() returns (not only idle).
            if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("network watchdog thread did not stop within 5 s");
            } else if (t != null && t != Thread.currentThread()) {
                t.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
