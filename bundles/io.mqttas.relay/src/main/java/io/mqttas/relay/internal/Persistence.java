/*
 * Extension beyond spec/relay.md §1 ("no persistence"): with persist_dir set, the tables, node
 * queues and pending publications are saved every persist_interval_ms when changed and on close
 * (StateStore writes atomically). Without it, a gateway's state is still handed over in memory to
 * the gateway that replaces it on reconfiguration (the snapshot).
 */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads, tracks changes and saves the gateway's state. Thread-safe. */
final class Persistence {
    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);

    private final StateStore store;
    private final NodeTable table;
    private final PublicationQueue pubq;
    private final AtomicBoolean dirty = new AtomicBoolean();

    /** {@code dir} empty = no file, in-memory hand-over only. */
    Persistence(String dir, NodeTable table, PublicationQueue pubq) {
        this.store = dir.isEmpty() ? null : new StateStore(Path.of(dir));
        this.table = table;
        this.pubq = pubq;
    }

    /** The state to start from: the file when persist_dir is set, else {@code carried} (may be null). */
    StateStore.Snapshot load(StateStore.Snapshot carried) {
        return store != null ? store.load() : carried;
    }

    /** Saves every {@code everyMillis} while something changed (no-op without persist_dir). */
    void schedule(ScheduledExecutorService worker, long everyMillis) {
        if (store != null) {
            worker.scheduleWithFixedDelay(this::saveIfDirty, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        }
    }

    void markDirty() {
        dirty.set(true);
    }

    /** The current state (under the table's monitor, so it is consistent). */
    StateStore.Snapshot snapshot() {
        synchronized (table) {
            return table.snapshot(pubq.pending());
        }
    }

    /** Saves now (close). */
    void saveNow() {
        dirty.set(true);
        saveIfDirty();
    }

    private void saveIfDirty() {
        if (store == null || !dirty.getAndSet(false)) {
            return;
        }
        try {
            store.save(snapshot());
        } catch (IOException | RuntimeException e) {
            dirty.set(true);
            LOG.error("relay state not saved to {}: {}", store.file(), e.toString());
        }
    }
}
