/*
 * Gogo commands relay:status, relay:nodes and relay:queue <node>. Registered as a plain service
 * with the osgi.command.* properties, so the bundle needs no Gogo dependency.
 */
package io.mqttas.relay.component;

import io.mqttas.relay.NodeInfo;
import io.mqttas.relay.Relay;
import io.mqttas.relay.RelayStats;
import io.mqttas.relay.internal.RadioStates;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

@Component(service = RelayCommands.class, property = {"osgi.command.scope=relay", "osgi.command.function=status",
        "osgi.command.function=nodes", "osgi.command.function=queue"})
public final class RelayCommands {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<Relay> relays = List.of();

    /** {@code relay:status}: every relay's broker link, tables, counters and radio state. */
    public String status() {
        StringBuilder b = new StringBuilder();
        for (Relay r : relays) {
            RelayStats s = r.stats();
            b.append("gateway ").append(r.gatewayId().isEmpty() ? "(radio not ready)" : r.gatewayId()).append('\n')
                    .append("  broker     ").append(s.connected() ? "up" : "down").append('\n')
                    .append("  radio      ").append(RadioStates.describe(s.radio())).append('\n')
                    .append("  nodes      ").append(s.nodes()).append(", topics ").append(s.subscriptions())
                    .append(", messages queued for nodes ").append(s.messagesQueued()).append(", pushes ")
                    .append(s.pushes()).append('\n')
                    .append("  publications pending ").append(s.publicationsPending()).append(", rejected (BAD) ")
                    .append(s.rejected()).append('\n')
                    .append("  frames     ").append(s.received()).append(" received, ").append(s.malformed())
                    .append(" malformed, ").append(s.ignored()).append(" ignored, ").append(s.rateLimited())
                    .append(" over rate; ").append(s.overflows()).append(" node queue overflows, ")
                    .append(s.oversized()).append(" oversized dropped, ").append(s.topicsRefused())
                    .append(" subscriptions refused\n");
        }
        return b.length() == 0 ? "no relay running" : b.toString();
    }

    /** {@code relay:nodes}: every node of every relay with its queue depth and topics. */
    public String nodes() {
        StringBuilder b = new StringBuilder();
        for (Relay r : relays) {
            RelayStats s = r.stats();
            b.append("gateway ").append(r.gatewayId()).append(": broker ").append(s.connected() ? "up" : "down")
                    .append(", ").append(s.nodes()).append(" nodes, ").append(s.publicationsPending())
                    .append(" publications pending, ").append(s.received()).append(" frames (")
                    .append(s.malformed()).append(" malformed, ").append(s.ignored()).append(" ignored)\n");
            for (NodeInfo n : r.nodes()) {
                b.append("  ").append(n.id()).append("  queued ").append(n.queued()).append("  last seen ")
                        .append(n.lastSeenMillis() == 0 ? "-" : Instant.ofEpochMilli(n.lastSeenMillis()).toString())
                        .append("  topics ").append(n.topics()).append('\n');
            }
        }
        return b.length() == 0 ? "no relay running" : b.toString();
    }

    /** {@code relay:queue <node>}: the frames waiting for one node, oldest first. */
    public String queue(String node) {
        for (Relay r : relays) {
            Optional<List<String>> q = r.queue(node);
            if (q.isPresent()) {
                StringBuilder b = new StringBuilder();
                b.append(q.get().size()).append(" message(s) for ").append(node).append('\n');
                q.get().forEach(m -> b.append("  ").append(m).append('\n'));
                return b.toString();
            }
        }
        return "unknown node " + node;
    }
}
