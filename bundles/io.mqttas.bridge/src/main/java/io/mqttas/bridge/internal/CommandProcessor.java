/* spec/bridge.md §5.4 (command processor), §4.6; issue 12 items 2, 3 and 5: the running phase's commands. */
package io.mqttas.bridge.internal;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.codec.Topics;
import io.mqttas.session.MqttClient;

/**
 * Host commands while RUNNING, one at a time on the protocol thread (the host relies on PUBOK
 * order). {@code p} → publish → {@code t|4} when the client's publish completes, or {@code t|6} if
 * it is malformed, too long or fails (the host waits for an answer under its publish lock with no
 * timeout, so it always gets one); {@code s} → subscribe (no reply), remembered and renewed after
 * reconnects; {@code i} → time ({@code 0} when unknown); {@code m} → JVM heap; anything else
 * {@code t|6|Unknown command:|…}.
 *
 * <p>A refused subscription is reported once with {@code t|6} (the host resets and, like after every
 * reset, subscribes again to everything it subscribed to); the same refusal later is ignored,
 * logged at DEBUG and counted, so one bad filter costs one reset instead of a reset loop.
 */
final class CommandProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProtocol.class);
    private static final int REMEMBERED_REFUSALS = 256;

    private final String name;
    private final HostOutput out;
    private final TimeSource time;
    private final BooleanSupplier running;
    private final Set<String> refusedSubscriptions = new LinkedHashSet<>(); // protocol thread only

    CommandProcessor(String name, HostOutput out, TimeSource time, BooleanSupplier running) {
        this.name = name;
        this.out = out;
        this.time = time;
        this.running = running;
    }

    void handle(HostSession s, List<String> f, String record) {
        if (s.isEnded()) {
            return; // queued before the host restarted: nobody waits for the answer
        }
        MqttClient c = s.client;
        switch (f.get(0)) {
            case "p" -> publish(s, c, f);
            case "s" -> subscribe(s, c, f, record);
            case "i" -> time();
            case "m" -> {
                Runtime rt = Runtime.getRuntime();
                long free = rt.freeMemory();
                out.send(Records.join("m", Long.toString(free), Long.toString(rt.totalMemory() - free)), false);
            }
            default -> out.error("unknown command " + Records.printable(record, 40), "Unknown command:", record);
        }
    }

    /** A record the link dropped (too long, bad byte) while RUNNING: answered as the host expects. */
    void invalid(HostSession s, String command, String reason) {
        switch (command) {
            case "p" -> out.error("publish refused: " + reason, "Bad publish:", reason);
            case "s" -> refuseSubscription("s:" + reason, "subscribe refused: " + reason, reason);
            case "i" -> {
                out.note("time request refused: " + reason);
                out.send(Records.join("i", "0"), false);
            }
            default -> out.error("unknown command '" + command + "' (" + reason + ")", "Unknown command:", command);
        }
    }

    private void time() {
        out.send(Records.join("i", Long.toString(time.secondsSince2000())), false);
    }

    private void publish(HostSession s, MqttClient c, List<String> f) {
        String topic;
        byte[] payload;
        boolean retain;
        int qos;
        try {
            Fields.expectCount(f, "p", 5);
            topic = f.get(1);
            if (!Topics.isValidName(topic)) {
                throw InvalidRecordException.field("topic", topic, "must be a valid MQTT topic name");
            }
            payload = f.get(2).getBytes(StandardCharsets.UTF_8);
            retain = Fields.flag("retain", f.get(3));
            qos = Fields.integer("qos", f.get(4), 0, 1);
        } catch (InvalidRecordException e) {
            out.error(e.getMessage(), "Bad publish:", e.getMessage());
            return;
        }
        HostSession.Outcome o = s.await(c.publish(topic, payload, retain, qos), null, running);
        if (o.ended()) {
            return;
        }
        if (o.failure() != null) {
            // The host waits for PUBOK with no timeout of its own; an error status makes it reset.
            String why = BrokerDelivery.describe(o.failure());
            out.error("publish to " + topic + " failed: " + why, "Publish failed:", why);
            return;
        }
        out.status(Records.PUBOK);
    }

    private void subscribe(HostSession s, MqttClient c, List<String> f, String record) {
        String topic;
        int qos;
        try {
            Fields.expectCount(f, "s", 3);
            topic = f.get(1);
            if (!Topics.isValidFilter(topic)) {
                throw InvalidRecordException.field("topic", topic, "must be a valid MQTT topic filter");
            }
            qos = Fields.integer("qos", f.get(2), 0, 1);
        } catch (InvalidRecordException e) {
            refuseSubscription(Records.printable(record, 200), "subscribe refused: " + e.getMessage(), e.getMessage());
            return;
        }
        s.subscribed(topic, qos); // recorded first: re-subscribed after every reconnect
        HostSession.Outcome o = s.await(c.subscribe(topic, qos), null, running);
        if (o.failure() != null && !o.ended()) {
            out.note("subscribe " + topic + " failed: " + BrokerDelivery.describe(o.failure()));
        }
    }

    private void refuseSubscription(String key, String logText, String detail) {
        if (refusedSubscriptions.add(key)) {
            if (refusedSubscriptions.size() > REMEMBERED_REFUSALS) {
                Iterator<String> oldest = refusedSubscriptions.iterator();
                oldest.next();
                oldest.remove();
            }
            out.error(logText + " (reported to the host once; repeats are ignored)", "Bad subscribe:", detail);
        } else {
            out.ignoredRepeat(logText + " (again; ignored)");
        }
    }
}
