/*
 * Issue 12 item 9: what every link to a host shares (spec/bridge.md §3.5–§3.7): counters, the
 * bounded transmit queue, record assembly, the restart rule and the state shown by bridge:status.
 */
package io.mqttas.bridge.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-independent half of a {@link Link}. The receiving thread feeds characters to
 * {@link #accept(int)}; anyone may {@link #send} or {@link #restart}. A restart (reset pulse,
 * stall, stream re-opened, host silent) discards what is queued for the host and any partial
 * record, counts, and tells the protocol — spec §3.7: nothing queued survives a link failure.
 */
public final class LinkCore {
    private static final Logger LOG = LoggerFactory.getLogger(LinkCore.class);

    private final String name;
    private final LinkCounters counters = new LinkCounters();
    private final OutboundQueue outbound;
    private final RecordAssembler assembler;
    private volatile Link.Events events;
    private volatile String state = "NEW";

    public LinkCore(String name, int maxMessageLength, int txQueueLength) {
        this.name = name;
        this.outbound = new OutboundQueue(name, txQueueLength, counters);
        this.assembler = new RecordAssembler(name, maxMessageLength, new RecordAssembler.Sink() {
            @Override
            public void record(String record) {
                Link.Events e = events;
                if (e != null) {
                    e.onRecord(record);
                }
            }

            @Override
            public void dropped(String head, String reason) {
                Link.Events e = events;
                if (e != null) {
                    e.onDropped(head, reason);
                }
            }
        }, counters);
    }

    public String name() {
        return name;
    }

    /** Where records and restarts go; set once before the link's threads start. */
    public void attach(Link.Events e) {
        this.events = e;
    }

    public boolean send(String record, boolean droppable) {
        return outbound.offer(record, droppable);
    }

    /** The next record for the host, or null (the transmitting thread). */
    public OutboundQueue outbound() {
        return outbound;
    }

    /** One received character or byte (the receiving thread only). */
    public void accept(int c) {
        assembler.accept(c);
    }

    /** Forgets the records queued for the host (a host that restarted on a stream). */
    public void discardQueued() {
        outbound.clear();
    }

    /** Spec §3.7: queues and partial record discarded, counted, the protocol told. Any thread. */
    public void restart(String reason) {
        assembler.requestClear();
        outbound.clear();
        counters.restarts.incrementAndGet();
        Link.Events e = events;
        if (e != null) {
            try {
                e.onRestart(reason);
            } catch (RuntimeException ex) {
                LOG.error("bridge {}: restart handler failed", name, ex);
            }
        }
    }

    public LinkCounters counters() {
        return counters;
    }

    public String state() {
        return state;
    }

    public void state(String s) {
        state = s;
    }
}
