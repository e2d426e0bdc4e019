/* spec/bridge.md §4.6 and §5.5, issue 12 item 5: the answer to the host's time request. */
package io.mqttas.bridge.internal;

import java.time.Clock;

/** Where the answer to {@code i} comes from: the gateway's clock, or an SNTP server ({@link SntpTime}). */
public interface TimeSource {
    /** Seconds between the Unix epoch and 2000-01-01 UTC (the MicroPython epoch). */
    long Y2K = 946_684_800L;
    /** Times before 2016 are treated as "clock not set" (spec §5.5 step 4). */
    long MIN_VALID_Y2K_SECONDS = 16L * 365 * 86_400;

    /** Seconds since 2000-01-01 UTC, or 0 when the time is not known (the original's answer). */
    long secondsSince2000();

    /** Unix seconds as the host wants them: since 2000, or 0 when before 2016. */
    static long fromUnix(long unixSeconds) {
        long t = unixSeconds - Y2K;
        return t < MIN_VALID_Y2K_SECONDS ? 0 : t;
    }

    /** The gateway's clock (Kura keeps it right). */
    static TimeSource system(Clock clock) {
        return () -> fromUnix(clock.instant().getEpochSecond());
    }
}
