/*
 * spec/mqtt_as.md §8.2, §10.1, §18.1; issue 4 item 4: the watchdog's NetworkLink service seen by the client
 * as its LinkMonitor. The service may come and go (optional dynamic reference); while absent the link
 * counts as up, as on a host whose OS manages the network.
 */
package io.mqttas.session.component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.session.LinkListener;
import io.mqttas.session.LinkMonitor;
import io.mqttas.session.Registration;
import io.mqttas.watchdog.NetworkLink;

/**
 * Forwards to the bound {@link NetworkLink}. Listeners registered by the client stay registered here
 * when the service changes; if the change flips the link state, they are told once.
 */
final class WatchedLink implements LinkMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedLink.class);

    private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
    private final io.mqttas.watchdog.LinkListener relay = this::tell;
    private NetworkLink link;   // guarded by this; null = no watchdog: always up

    synchronized void bind(NetworkLink newLink) {
        boolean was = isUp();
        if (link != null) {
            link.removeListener(relay);
        }
        link = newLink;
        link.addListener(relay);
        LOG.info("MQTT client follows the network link {}", newLink.describe());
        boolean now = isUp();
        if (was != now) {
            tell(now);
        }
    }

    synchronized void unbind(NetworkLink oldLink) {
        if (link != oldLink) {
            return;
        }
        boolean was = isUp();
        link.removeListener(relay);
        link = null;
        if (!was) {
            tell(true);
        }
    }

    private synchronized NetworkLink current() {
        return link;
    }

    private void tell(boolean up) {
        for (LinkListener l : listeners) {
            try {
                l.onLink(up);
            } catch (RuntimeException e) {
                LOG.warn("link listener failed", e);
            }
        }
    }

    @Override
    public boolean isUp() {
        NetworkLink l = current();
        return l == null || l.isUp();
    }

    @Override
    public boolean awaitStable(Duration stable, Duration timeout) throws InterruptedException {
        NetworkLink l = current();
        return l == null || l.awaitStable(stable, timeout);
    }

    @Override
    public Registration onChange(LinkListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void cycle() {
        NetworkLink l = current();
        if (l != null) {
            l.cycle();
        }
    }

    /** Listeners currently registered (tests). */
    int listenerCount() {
        return listeners.size();
    }
}
