/* spec/relay.md §10: gwconfig keys and defaults, our extension keys, and named errors for bad values. */
package io.mqttas.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayConfigTest {
    @Test
    void defaultsAreTheOriginalsAndOursAreDocumented() {
        RelayConfig c = RelayConfig.defaults();
        assertEquals(10, c.qlen());
        assertTrue(c.lpmode());
        assertEquals(new Destination("allnodes", false, 1), c.pubAll());
        assertEquals(new Destination("gw_errors", false, 1), c.errors());
        assertEquals(new Destination("gw_status", false, 0), c.status());
        assertEquals(new Destination("gw_query", false, 0), c.statreq());
        assertEquals(1, c.ntpOffset());
        assertEquals(100, c.pubqLen(), "shared by all nodes (ours; the original's 10 was per gateway)");
        assertEquals(9, c.pubqNodeMax(), "one node's share: the original's queue, so a lone node sees its replies");
        assertEquals(5, c.pubqNak());
        assertEquals(20, c.nodeRate());
        assertEquals(40, c.nodeBurst());
        assertEquals(1000, c.maxTopics());
        assertEquals(150, c.awakeWindowMs());
        assertEquals(300, c.serialTimeoutMs());
        assertEquals(250, c.maxFrame());
        assertEquals("udp", c.transport());
        assertEquals("127.0.0.1", c.udpHost());
        assertTrue(c.allowedNodes().isEmpty());
    }

    @Test
    void tuplesAcceptArraysListsAndCommaTextAndEmptySwitchesReportsOff() {
        RelayConfig c = RelayConfig.fromMap(Map.of("errors", new String[0], "status", "st, true, 1",
                "pub_all", List.of("everyone", "0"), "allowed_nodes", "24:6f:28:aa:bb:cc, 246f28aabbcd"));
        assertNull(c.errors());
        assertEquals(new Destination("st", true, 1), c.status());
        assertEquals(new Destination("everyone", false, 0), c.pubAll());
        assertEquals(2, c.allowedNodes().size());
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheRange() {
        assertEquals("qlen: 1 is outside 2..10000",
                assertThrows(IllegalArgumentException.class, () -> RelayConfig.fromMap(Map.of("qlen", 1))).getMessage());
        assertEquals("lpmode: expected true or false, got 'maybe'",
                assertThrows(IllegalArgumentException.class, () -> RelayConfig.fromMap(Map.of("lpmode", "maybe")))
                        .getMessage());
        assertEquals("status: qos of topic st must be 0 or 1, got 2", assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.fromMap(Map.of("status", new String[] {"st", "false", "2"}))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.fromMap(Map.of("allowed_nodes", "xyz"))).getMessage().startsWith("allowed_nodes:"));
        assertEquals("transport: expected udp or serial, got 'lora'",
                assertThrows(IllegalArgumentException.class, () -> RelayConfig.fromMap(Map.of("transport", "lora")))
                        .getMessage());
        assertEquals("pubq_nak: 10 is outside 0..9", assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.fromMap(Map.of("pubq_len", 10, "pubq_nak", 10))).getMessage());
        assertEquals("pubq_node_max: 10 is outside 1..9", assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.fromMap(Map.of("pubq_len", 10, "pubq_node_max", 10))).getMessage());
        assertEquals("max_topics: 0 is outside 1..1000000", assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.fromMap(Map.of("max_topics", 0))).getMessage());
    }
}
