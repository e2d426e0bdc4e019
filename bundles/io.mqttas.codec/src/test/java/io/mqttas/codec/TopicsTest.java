package io.mqttas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Topic matching per MQTT 3.1.1 §4.7 (the standard's own examples first). */
class TopicsTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // §4.7.1.2 multi-level wildcard
            "sport/tennis/player1/# | sport/tennis/player1 | true",
            "sport/tennis/player1/# | sport/tennis/player1/ranking | true",
            "sport/tennis/player1/# | sport/tennis/player1/score/wimbledon | true",
            "sport/# | sport | true",
            "# | a/b/c | true",
            "# | / | true",
            // §4.7.1.3 single-level wildcard
            "sport/tennis/+ | sport/tennis/player1 | true",
            "sport/tennis/+ | sport/tennis/player2 | true",
            "sport/tennis/+ | sport/tennis/player1/ranking | false",
            "sport/+ | sport | false",
            "sport/+ | sport/ | true",
            "+ | sport | true",
            "+/+ | /finance | true",
            "/+ | /finance | true",
            "+ | /finance | false",
            "+/tennis/# | sport/tennis | true",
            // §4.7.2 topics beginning with $
            "# | $SYS/broker | false",
            "+/monitor/Clients | $SYS/monitor/Clients | false",
            "$SYS/# | $SYS/monitor/Clients | true",
            "$SYS/monitor/+ | $SYS/monitor/Clients | true",
            // exact levels, case and empty levels
            "a/b | a/b | true",
            "a/b | a/B | false",
            "a/b | a/bc | false",
            "a/bc | a/b | false",
            "a//b | a//b | true",
            "a/+/b | a//b | true",
            "a/b/# | a/bc | false",
            "ü/€/+ | ü/€/😀 | true"})
    void matches(String filter, String topic, boolean expected) {
        assertEquals(expected, Topics.matches(filter, topic));
    }

    @Test
    void invalidInputNeverMatches() {
        assertFalse(Topics.matches("", "a"));
        assertFalse(Topics.matches("a", ""));
        assertFalse(Topics.matches(null, "a"));
        assertFalse(Topics.matches("#", null));
    }

    @Test
    void validityAndWildcardQueries() {
        assertTrue(Topics.isValidFilter("+/a/#"));
        assertFalse(Topics.isValidFilter("a/#/b"));
        assertTrue(Topics.isValidName("a/b c/ü"));
        assertFalse(Topics.isValidName("a/+"));
        assertTrue(Topics.hasWildcard("a/+"));
        assertFalse(Topics.hasWildcard("a/b"));
    }
}
