/*
 * spec/relay.md §7.3 and §7.4: status and error reports, "D/M/YYYY HH:MM:SS text", published to
 * gw_status (qos 0) and gw_errors (qos 1); either may be switched off. Unlike the original, the
 * number of reports waiting for the broker is bounded (§16): beyond it reports are counted and
 * only logged.
 */
package io.mqttas.relay.internal;

import io.mqttas.session.MqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes reports without ever waiting for the broker. */
public final class Reports {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private final MqttClient client;
    private final Destination status;
    private final Destination errors;
    private final Clock clock;
    private final ZoneOffset offset;
    private final int maxPending;
    private final boolean debug;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * {@code status}/{@code errors} null = suppressed; {@code offsetHours} = the original's
     * {@code ntp_offset} (local time = UTC + offset); {@code maxPending} reports may wait for the broker.
     */
    public Reports(MqttClient client, Destination status, Destination errors, Clock clock, int offsetHours,
            int maxPending, boolean debug) {
        this.client = client;
        this.status = status;
        this.errors = errors;
        this.clock = clock;
        this.offset = ZoneOffset.ofHours(offsetHours);
        this.maxPending = maxPending;
        this.debug = debug;
    }

    public void status(String text) {
        LOG.info("status: {}", text);
        publish(status, text);
    }

    /** Extra status reports the original sends only when {@code debug} is true. */
    public void debug(String text) {
        if (debug) {
            LOG.debug("status: {}", text);
            publish(status, text);
        }
    }

    public void error(String text) {
        LOG.warn("error: {}", text);
        publish(errors, text);
    }

    /** Reports dropped because too many were waiting for the broker. */
    public long dropped() {
        return dropped.get();
    }

    /** The original's time stamp: day and month unpadded, time two digits each. */
    public String stamp() {
        LocalDateTime t = LocalDateTime.ofInstant(clock.instant(), offset);
        return String.format("%d/%d/%d %02d:%02d:%02d", t.getDayOfMonth(), t.getMonthValue(), t.getYear(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    private void publish(Destination d, String text) {
        if (d == null) {
            return;
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        byte[] payload = (stamp() + " " + text).getBytes(StandardCharsets.UTF_8);
        try {
            client.publish(d.topic(), payload, d.retain(), d.qos()).whenComplete((v, e) -> {
                pending.decrementAndGet();
                if (e != null) {
                    LOG.debug("report to {} not published: {}", d.topic(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            LOG.warn("report to {} not published: {}", d.topic(), e.toString());
        }
    }
}
