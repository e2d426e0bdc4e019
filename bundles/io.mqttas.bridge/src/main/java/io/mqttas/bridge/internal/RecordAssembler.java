/* spec/bridge.md §3.5 (receive rule) with the bound the original lacks, and issue 12 item 2 (a dropped record is reported). */
package io.mqttas.bridge.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects received characters into records: non-zero characters accumulate; a 0 after at least
 * one character completes the record; zeros with nothing pending are idle. Unlike the original a
 * record longer than {@code maxLength} is discarded up to its terminator (memory stays bounded),
 * and, on byte streams, a record with a byte outside 1..127 is discarded too. Each discard is
 * logged, counted and reported to the sink with the record's command, so the protocol can answer
 * a host that waits for a reply. Not thread-safe: one receiving thread ({@link #requestClear()}
 * may be called from any thread).
 */
public final class RecordAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(RecordAssembler.class);
    private static final int COMMAND_LIMIT = 10;

    /** Where complete and dropped records go. */
    public interface Sink {
        void record(String record);

        /** A record was discarded; {@code command} is its first field (at most 10 characters, made printable). */
        void dropped(String command, String reason);
    }

    private final int maxLength;
    private final Sink sink;
    private final LinkCounters counters;
    private final String name;
    private final StringBuilder pending = new StringBuilder();
    private final LogLimiter warnings = new LogLimiter(5);
    private final AtomicBoolean clearRequested = new AtomicBoolean();
    private long overflow;
    private int badByte = -1;

    public RecordAssembler(String name, int maxLength, Sink sink, LinkCounters counters) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max_message_length must be >= 1, got " + maxLength);
        }
        this.name = name;
        this.maxLength = maxLength;
        this.sink = sink;
        this.counters = counters;
    }

    /** Records only; drops are logged and counted. */
    public RecordAssembler(String name, int maxLength, Consumer<String> records, LinkCounters counters) {
        this(name, maxLength, new Sink() {
            @Override
            public void record(String record) {
                records.accept(record);
            }

            @Override
            public void dropped(String command, String reason) {
            }
        }, counters);
    }

    /** One received character or byte, 0..255. */
    public void accept(int c) {
        if (clearRequested.getAndSet(false)) {
            clear();
        }
        counters.charsIn.incrementAndGet();
        if (c == 0) {
            complete();
            return;
        }
        if (c > 127 && badByte < 0) {
            badByte = c;
        }
        if (pending.length() < maxLength) {
            pending.append((char) c);
        } else {
            overflow++;
        }
    }

    /** Forgets a partial record (link restart), on the receiving thread. */
    public void clear() {
        pending.setLength(0);
        overflow = 0;
        badByte = -1;
    }

    /** Forgets the partial record before the next character; safe from any thread. */
    public void requestClear() {
        clearRequested.set(true);
    }

    private String command() {
        int end = 0;
        while (end < pending.length() && end < COMMAND_LIMIT && pending.charAt(end) != Records.SEP) {
            end++;
        }
        return Records.printable(pending.substring(0, end), COMMAND_LIMIT);
    }

    private void complete() {
        if (pending.length() == 0) {
            return; // idle
        }
        if (overflow > 0 || badByte >= 0) {
            String reason = overflow > 0
                    ? "record of " + (pending.length() + overflow) + " characters exceeds max_message_length " + maxLength
                    : String.format("record of %d bytes has byte 0x%02x (outside 1..127)", pending.length(), badByte);
            String command = command();
            counters.recordsDropped.incrementAndGet();
            // Only the command is shown: the record may carry passwords (INIT).
            counters.lastError = "'" + command + "' " + reason + "; dropped";
            warnings.warn(LOG, name, counters.lastError);
            clear();
            sink.dropped(command, reason);
            return;
        }
        counters.recordsIn.incrementAndGet();
        String record = pending.toString();
        clear();
        sink.record(record);
    }
}
