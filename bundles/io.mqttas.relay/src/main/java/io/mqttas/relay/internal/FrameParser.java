/*
 * spec/relay.md §4 (node → gateway frames) and §13/§16 (validation): a frame is a UTF-8 JSON array
 * whose length selects its type. Input is hostile: size bounded before parsing, strict UTF-8,
 * strict JSON, every field type-checked, qos 0 or 1, topics valid MQTT names/filters.
 */
package io.mqttas.relay.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.mqttas.codec.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns node frames into {@link NodeRequest}s or a {@link MalformedFrameException} naming the problem. */
public final class FrameParser {
    /** ESP-NOW v1 payload limit (spec §2). */
    public static final int MAX_FRAME = 250;
    private static final int SHOWN = 120;

    /** Marks a nested array or object, which no frame type allows. */
    private enum Nested { VALUE }

    /** A JSON number, kept as its literal text so "1.0" and "1e0" are not taken for 1. */
    private record Num(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final int maxFrame;

    public FrameParser(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    public NodeRequest parse(byte[] frame) throws MalformedFrameException {
        if (frame.length > maxFrame) {
            throw new MalformedFrameException("frame of " + frame.length + " bytes exceeds the limit of " + maxFrame,
                    "(" + frame.length + " bytes)", false);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(frame)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException("frame is not UTF-8", hexPreview(frame), false);
        }
        List<Object> items = readArray(text);
        String shown = show(text);
        switch (items.size()) {
            case 1:
                return new NodeRequest.Command(string(items, 0, "command", shown));
            case 2: {
                String topic = string(items, 0, "subscription topic", shown);
                int qos = qos(items.get(1), shown);
                if (!Topics.isValidFilter(topic)) {
                    throw new MalformedFrameException("subscription topic is not a valid MQTT topic filter: "
                            + show(topic), shown, true);
                }
                return new NodeRequest.Subscription(topic, qos);
            }
            case 4:
                try {
                    return publication(items, shown);
                } catch (MalformedFrameException e) {
                    throw new MalformedFrameException(e.getMessage(), e.frame(), true, true);
                }
            default:
                throw new MalformedFrameException("array of length " + items.size() + " (allowed: 1, 2, 4)", shown,
                        true);
        }
    }

    private static NodeRequest.Publication publication(List<Object> items, String shown)
            throws MalformedFrameException {
        String topic = string(items, 0, "publication topic", shown);
        String payload = string(items, 1, "publication payload", shown);
        boolean retain = retain(items.get(2), shown);
        int qos = qos(items.get(3), shown);
        if (!Topics.isValidName(topic)) {
            throw new MalformedFrameException("publication topic is not a valid MQTT topic name: " + show(topic),
                    shown, true);
        }
        return new NodeRequest.Publication(topic, payload, retain, qos);
    }

    private static List<Object> readArray(String text) throws MalformedFrameException {
        List<Object> items = new ArrayList<>();
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setLenient(false);
            if (r.peek() != JsonToken.BEGIN_ARRAY) {
                throw new MalformedFrameException("frame is not a JSON array", show(text), false);
            }
            r.beginArray();
            while (r.hasNext()) {
                switch (r.peek()) {
                    case STRING -> items.add(r.nextString());
                    case NUMBER -> items.add(new Num(r.nextString()));
                    case BOOLEAN -> items.add(r.nextBoolean());
                    case NULL -> {
                        r.nextNull();
                        items.add(null);
                    }
                    default -> {
                        r.skipValue();
                        items.add(Nested.VALUE);
                    }
                }
            }
            r.endArray();
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedFrameException("data after the JSON array", show(text), false);
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports syntax errors as MalformedJsonException (an IOException) or ISE.
            throw new MalformedFrameException("frame is not JSON: " + gsonMessage(e), show(text), false);
        } catch (StackOverflowError e) {
            throw new MalformedFrameException("frame nests too deeply", show(text), false);
        }
        return items;
    }

    /** Gson's message without its advice to parse leniently and its troubleshooting link. */
    private static String gsonMessage(Exception e) {
        String m = String.valueOf(e.getMessage());
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        return m.replaceAll("Use JsonReader\\.set\\w+\\([^)]*\\) to accept malformed JSON", "malformed JSON").trim();
    }

    private static String string(List<Object> items, int i, String field, String shown)
            throws MalformedFrameException {
        Object v = items.get(i);
        if (v instanceof String s) {
            return s;
        }
        throw new MalformedFrameException(field + " must be a string, got " + describe(v), shown, true);
    }

    private static int qos(Object v, String shown) throws MalformedFrameException {
        if (v instanceof Num n && (n.text.equals("0") || n.text.equals("1"))) {
            return n.text.charAt(0) - '0';
        }
        throw new MalformedFrameException("qos must be 0 or 1, got " + describe(v), shown, true);
    }

    /** JSON true/false; also 0/1, which MicroPython nodes produce when the caller passed an int. */
    private static boolean retain(Object v, String shown) throws MalformedFrameException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Num n && (n.text.equals("0") || n.text.equals("1"))) {
            return n.text.equals("1");
        }
        throw new MalformedFrameException("retain must be true or false, got " + describe(v), shown, true);
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v == Nested.VALUE) {
            return "a nested array or object";
        }
        if (v instanceof String s) {
            return "the string " + show(s);
        }
        if (v instanceof Boolean b) {
            return "the boolean " + b;
        }
        return "the number " + show(v.toString());
    }

    /** A printable rendering for reports and logs: control characters escaped, length limited. */
    public static String show(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), SHOWN) + 8);
        for (int i = 0; i < s.length() && b.length() < SHOWN; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= SHOWN && s.length() > SHOWN) {
            b.append("...");
        }
        return b.toString();
    }

    static String hexPreview(byte[] frame) {
        StringBuilder b = new StringBuilder("0x");
        for (int i = 0; i < Math.min(frame.length, 32); i++) {
            b.append(String.format("%02x", frame[i] & 0xff));
        }
        return frame.length > 32 ? b.append("...").toString() : b.toString();
    }
}
