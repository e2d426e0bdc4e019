/* spec/relay.md §5: a broker message as a node receives it, the JSON array [topic, payload, retained]. */
package io.mqttas.relay.internal;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Encodes the frame sent to nodes for a broker message: compact JSON (spec §16: no spaces, to save bytes). */
public final class NodeMessage {
    private NodeMessage() {
    }

    public static String encode(String topic, String payload, boolean retained) {
        StringWriter out = new StringWriter(topic.length() + payload.length() + 16);
        try (JsonWriter w = new JsonWriter(out)) {
            w.setHtmlSafe(false);
            w.beginArray().value(topic).value(payload).value(retained).endArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return out.toString();
    }

    public static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
