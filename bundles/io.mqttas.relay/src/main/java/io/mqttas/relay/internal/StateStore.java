/*
 * Extension beyond spec/relay.md §1 ("No persistence"): node table, subscription table, node
 * queues and pending node publications are saved to a directory, so a gateway restart loses
 * nothing. The file is written whole to a temporary file and renamed into place, so a crash
 * leaves either the old or the new state. A damaged file is set aside (".bad") and the gateway
 * starts empty, never crashes on it.
 */
package io.mqttas.relay.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads and saves {@link Snapshot}s in {@code <dir>/relay-state.json}. */
public final class StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    static final String FILE = "relay-state.json";

    /** A node and the messages waiting for it, oldest first. */
    public record SavedNode(NodeId id, List<String> queue) {
    }

    /** A subscription table entry. */
    public record SavedTopic(String topic, int qos, List<NodeId> nodes) {
    }

    /** Everything that must survive a restart. */
    public record Snapshot(List<SavedNode> nodes, List<SavedTopic> topics, List<PublicationQueue.Pending> pubq) {
        public static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of());
    }

    private final Path file;

    public StateStore(Path dir) {
        this.file = dir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    public void save(Snapshot s) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); JsonWriter w = new JsonWriter(out)) {
            w.setHtmlSafe(false);
            w.beginObject().name("version").value(1);
            w.name("nodes").beginArray();
            for (SavedNode n : s.nodes()) {
                w.beginObject().name("id").value(n.id().toString()).name("queue").beginArray();
                for (String m : n.queue()) {
                    w.value(m);
                }
                w.endArray().endObject();
            }
            w.endArray().name("topics").beginArray();
            for (SavedTopic t : s.topics()) {
                w.beginObject().name("topic").value(t.topic()).name("qos").value(t.qos()).name("nodes").beginArray();
                for (NodeId id : t.nodes()) {
                    w.value(id.toString());
                }
                w.endArray().endObject();
            }
            w.endArray().name("pubq").beginArray();
            for (PublicationQueue.Pending pending : s.pubq()) {
                NodeRequest.Publication p = pending.publication();
                w.beginObject();
                if (pending.from() != null) {
                    w.name("node").value(pending.from().toString());
                }
                w.name("topic").value(p.topic()).name("payload").value(p.payload()).name("retain")
                        .value(p.retain()).name("qos").value(p.qos()).endObject();
            }
            w.endArray().endObject();
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The saved state; empty if there is none or it is damaged (then the file is renamed to ".bad"). */
    public Snapshot load() {
        if (!Files.exists(file)) {
            return Snapshot.EMPTY;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(JsonParser.parseReader(in).getAsJsonObject());
        } catch (IOException | RuntimeException e) {
            Path bad = file.resolveSibling(FILE + ".bad");
            LOG.error("relay state {} is damaged ({}); set aside as {}, starting empty", file, e.toString(), bad);
            try {
                Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.error("could not set aside {}: {}", file, moveFailed.toString());
            }
            return Snapshot.EMPTY;
        }
    }

    private static Snapshot parse(JsonObject o) {
        List<SavedNode> nodes = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("nodes")) {
            JsonObject n = e.getAsJsonObject();
            List<String> queue = new ArrayList<>();
            for (JsonElement m : n.getAsJsonArray("queue")) {
                queue.add(m.getAsString());
            }
            nodes.add(new SavedNode(NodeId.parse(n.get("id").getAsString()), queue));
        }
        List<SavedTopic> topics = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("topics")) {
            JsonObject t = e.getAsJsonObject();
            List<NodeId> ids = new ArrayList<>();
            for (JsonElement id : t.getAsJsonArray("nodes")) {
                ids.add(NodeId.parse(id.getAsString()));
            }
            topics.add(new SavedTopic(t.get("topic").getAsString(), qos(t), ids));
        }
        List<PublicationQueue.Pending> pubq = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("pubq")) {
            JsonObject p = e.getAsJsonObject();
            NodeId from = p.has("node") ? NodeId.parse(p.get("node").getAsString()) : null;
            pubq.add(new PublicationQueue.Pending(from, new NodeRequest.Publication(p.get("topic").getAsString(),
                    p.get("payload").getAsString(), p.get("retain").getAsBoolean(), qos(p))));
        }
        return new Snapshot(nodes, topics, pubq);
    }

    private static int qos(JsonObject o) {
        int q = o.get("qos").getAsInt();
        if (q != 0 && q != 1) {
            throw new IllegalArgumentException("saved qos must be 0 or 1, got " + q);
        }
        return q;
    }

}
