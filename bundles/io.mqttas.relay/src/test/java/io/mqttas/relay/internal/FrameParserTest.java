/* spec/relay.md §4 and §13: which frames are requests, and the named error for every other. */
package io.mqttas.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameParserTest {
    final FrameParser parser = new FrameParser(250);

    NodeRequest parse(String s) throws MalformedFrameException {
        return parser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void micropythonAndCompactFramesParse() throws Exception {
        assertEquals(new NodeRequest.Command("ping"), parse("[\"ping\"]"));
        assertEquals(new NodeRequest.Subscription("foo_topic", 1), parse("[\"foo_topic\", 1]"));
        assertEquals(new NodeRequest.Publication("shed", "Count 1 \u00e9", false, 0),
                parse("[\"shed\", \"Count 1 \\u00e9\", false, 0]"));
        assertEquals(new NodeRequest.Publication("a/b", "{\"x\": 1}", true, 1), parse(" [\"a/b\",\"{\\\"x\\\": 1}\",true,1] "));
        assertEquals(new NodeRequest.Publication("a", "", true, 1), parse("[\"a\", \"\", 1, 1]"), "0/1 retain as Python ints");
        assertEquals(new NodeRequest.Subscription("s/+/t/#", 0), parse("[\"s/+/t/#\", 0]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[\"t\", 2]|qos must be 0 or 1, got the number 2|true",
        "[\"t\", 1.0]|qos must be 0 or 1, got the number 1.0|true",
        "[\"t\", \"1\"]|qos must be 0 or 1, got the string 1|true",
        "[\"t\", \"p\", false, -1]|qos must be 0 or 1, got the number -1|true",
        "[\"t\", 7, false, 1]|publication payload must be a string, got the number 7|true",
        "[\"t\", \"p\", null, 1]|retain must be true or false, got null|true",
        "[5]|command must be a string, got the number 5|true",
        "[[\"ping\"]]|command must be a string, got a nested array or object|true",
        "[\"a\", \"b\", \"c\"]|array of length 3 (allowed: 1, 2, 4)|true",
        "[]|array of length 0 (allowed: 1, 2, 4)|true",
        "[\"t/#\", \"p\", false, 1]|publication topic is not a valid MQTT topic name: t/#|true",
        "[\"a#\", 0]|subscription topic is not a valid MQTT topic filter: a#|true",
        "{\"ping\": 1}|frame is not a JSON array|false",
        "\"ping\"|frame is not a JSON array|false",
        "[\"ping\"] [\"get\"]|frame is not JSON: malformed JSON at line 1 column|false",
        "[ping]|frame is not JSON|false",
        "['ping']|frame is not JSON|false",
        "[\"ping\"|frame is not JSON|false",
    })
    void malformedFramesAreNamed(String frame, String message, boolean createsNode) {
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> parse(frame));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(createsNode, e.createsNode());
    }

    @Test
    void sizeIsBoundedBeforeParsingAndUtf8IsStrict() {
        MalformedFrameException big = assertThrows(MalformedFrameException.class,
                () -> parser.parse(new byte[251]));
        assertEquals("frame of 251 bytes exceeds the limit of 250", big.getMessage());
        MalformedFrameException utf = assertThrows(MalformedFrameException.class,
                () -> parser.parse(new byte[] {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'}));
        assertEquals("frame is not UTF-8", utf.getMessage());
        assertFalse(utf.createsNode());
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String deep = "[".repeat(125) + "]".repeat(125);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> parse(deep));
        assertTrue(e.getMessage().startsWith("command must be a string"), e.getMessage());
    }

    @Test
    void reportsShowControlCharactersEscapedAndLongTextCut() {
        assertEquals("a\\u000ab", FrameParser.show("a\nb"));
        assertEquals(123, FrameParser.show("x".repeat(500)).length());
    }
}
