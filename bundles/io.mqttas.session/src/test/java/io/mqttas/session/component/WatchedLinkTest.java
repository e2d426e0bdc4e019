/* Issue 4 item 4: the watchdog's NetworkLink as the client's LinkMonitor, with the service coming and going. */
package io.mqttas.session.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.mqttas.session.Registration;
import io.mqttas.watchdog.LinkListener;
import io.mqttas.watchdog.NetworkLink;

class WatchedLinkTest {

    /** A NetworkLink whose state the test sets (the watchdog itself is tested in its own bundle). */
    static final class SettableLink implements NetworkLink {
        final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
        volatile boolean up;
        volatile int cycles;
        volatile Duration askedStable;

        void set(boolean now) {
            if (now != up) {
                up = now;
                listeners.forEach(l -> l.linkChanged(now));
            }
        }

        @Override public boolean isUp() { return up; }
        @Override public boolean awaitStable(Duration timeout) { return up; }
        @Override public boolean awaitStable(Duration stable, Duration timeout) { askedStable = stable; return up; }
        @Override public void addListener(LinkListener l) { listeners.add(l); }
        @Override public void removeListener(LinkListener l) { listeners.remove(l); }
        @Override public boolean cycle() { cycles++; return true; }
        @Override public boolean wanOk() { return up; }
        @Override public String describe() { return "settable"; }
    }

    @Test
    void withoutAWatchdogTheLinkIsUp() throws Exception {
        WatchedLink w = new WatchedLink();
        assertTrue(w.isUp());
        assertTrue(w.awaitStable(Duration.ofSeconds(5), Duration.ofMillis(1)));
        w.cycle();   // nothing to cycle: no exception
    }

    @Test
    void transitionsOfTheBoundLinkReachTheClientOnce() throws Exception {
        WatchedLink w = new WatchedLink();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        w.onChange(seen::add);
        SettableLink link = new SettableLink();
        link.up = true;
        w.bind(link);
        assertEquals(List.of(), seen, "binding an up link while 'always up' is no transition");
        link.set(false);
        link.set(false);
        link.set(true);
        assertEquals(List.of(false, true), seen);
        assertTrue(w.awaitStable(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(5), link.askedStable, "the client's stability_time is passed on");
        w.cycle();
        assertEquals(1, link.cycles);
    }

    @Test
    void bindingADownLinkOrLosingItIsATransition() {
        WatchedLink w = new WatchedLink();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        w.onChange(seen::add);
        SettableLink link = new SettableLink();
        w.bind(link);                 // down link replaces "always up"
        assertFalse(w.isUp());
        w.unbind(link);               // watchdog gone: back to "always up"
        assertTrue(w.isUp());
        assertEquals(List.of(false, true), seen);
        assertEquals(0, link.listeners.size(), "the relay listener is removed from the old link");
        link.set(true);
        assertEquals(List.of(false, true), seen, "the unbound link no longer reaches the client");
    }

    @Test
    void aRemovedListenerIsNoLongerTold() {
        WatchedLink w = new WatchedLink();
        SettableLink link = new SettableLink();
        link.up = true;
        w.bind(link);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        Registration r = w.onChange(seen::add);
        r.close();
        link.set(false);
        assertEquals(List.of(), seen);
        assertEquals(0, w.listenerCount());
    }
}
