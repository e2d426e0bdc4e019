/* spec/bridge.md §3.5 (receive rule) with the bound the original lacks. */
package io.mqttas.bridge.internal;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects received characters into records: non-zero characters accumulate; a 0 after at least
 * one character completes the record; zeros with nothing pending are idle. Unlike the original a
 * record longer than {@code maxLength} is discarded up to its terminator (memory stays bounded),
 * and, on byte streams, a record with a byte outside 1..127 is discarded too. Each discard is
 * logged and counted. Not thread-safe: one receiving thread.
 */
public final class RecordAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(RecordAssembler.class);

    private final int maxLength;
    private final Consumer<String> sink;
    private final LinkCounters counters;
    private final String name;
    private final StringBuilder pending = new StringBuilder();
    private final LogLimiter warnings = new LogLimiter(5);
    private long overflow;
    private int badByte = -1;

    public RecordAssembler(String name, int maxLength, Consumer<String> sink, LinkCounters counters) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max_message_length must be >= 1, got " + maxLength);
        }
        this.name = name;
        this.maxLength = maxLength;
        this.sink = sink;
        this.counters = counters;
    }

    /** One received character or byte, 0..255. */
    public void accept(int c) {
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

    /** Forgets a partial record (link restart). */
    public void clear() {
        pending.setLength(0);
        overflow = 0;
        badByte = -1;
    }

    private String command() {
        int end = 0;
        while (end < pending.length() && end < 10 && pending.charAt(end) != Records.SEP) {
            end++;
        }
        return Records.printable(pending.substring(0, end), 10);
    }

    private void complete() {
        if (pending.length() == 0) {
            return; // idle
        }
        if (overflow > 0) {
            counters.recordsDropped.incrementAndGet();
            counters.lastError = "record of " + (pending.length() + overflow) + " characters exceeds max_message_length "
                    + maxLength + "; dropped";
            warnings.warn(LOG, name, counters.lastError);
        } else if (badByte >= 0) {
            counters.recordsDropped.incrementAndGet();
            // Only the command is shown: the record may carry passwords (INIT).
            counters.lastError = String.format("record '%s...' of %d bytes with byte 0x%02x (outside 1..127) dropped",
                    command(), pending.length(), badByte);
            warnings.warn(LOG, name, counters.lastError);
        } else {
            counters.recordsIn.incrementAndGet();
            sink.accept(pending.toString());
        }
        clear();
    }
}
