/* spec/bridge.md §4.4 and issue 12 items 1–3: what the bridge sends the host, and how refusals are counted. */
package io.mqttas.bridge.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records to the host through the link, plus the bookkeeping that goes with them: errors become
 * the link's last error and a rate-limited warning; refusals (UNKNOWN, BROKER_FAIL, ignored
 * repeats) are counted in {@code rejected}; records that cannot be delivered in {@code recordsDropped}.
 */
final class HostOutput {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProtocol.class);

    private final String name;
    private final Link link;
    private final LogLimiter warnings = new LogLimiter(10);

    HostOutput(String name, Link link) {
        this.name = name;
        this.link = link;
    }

    LinkCounters counters() {
        return link.counters();
    }

    void send(String record, boolean droppable) {
        link.send(record, droppable);
    }

    void status(int value) {
        send(Records.status(value), false);
    }

    /** UNKNOWN (6) with its two text fields, counted as a refusal; not logged (the caller decides). */
    void refuse(String label, String detail) {
        counters().rejected.incrementAndGet();
        send(Records.status(Records.UNKNOWN, label, detail), false);
    }

    /** {@link #refuse} with {@code logText} as last error and a rate-limited warning. */
    void error(String logText, String label, String detail) {
        note(logText);
        refuse(label, detail);
    }

    /** The last error and a rate-limited warning. */
    void note(String text) {
        counters().lastError = text;
        warnings.warn(LOG, name, text);
    }

    /** Something for the host could not be delivered: counted, noted. */
    void dropped(String text) {
        counters().recordsDropped.incrementAndGet();
        note(text);
    }

    /** A refusal answered with silence (a repeat): counted, logged at DEBUG. */
    void ignoredRepeat(String text) {
        counters().rejected.incrementAndGet();
        LOG.debug("bridge {}: {}", name, text);
    }

    void discardQueued() {
        link.discardQueued();
    }
}
