/* Persistence (persist_dir) and the in-memory hand-over between gateways on reconfiguration. */
package io.mqttas.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.testing.FakeMqttClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayStateTest extends GatewayTestBase {

    @Test
    void restartWithPersistenceLosesNothing(@TempDir Path dir) throws Exception {
        brokerNeverAcknowledgesNodePublications();
        Gateway g = gateway("persist_dir", dir.toString());
        radio.frame(A, "[\"foo\", 1]");
        radio.frame(A, "[\"out\", \"p1\", false, 1]");
        radio.frame(A, "[\"out\", \"p2\", true, 0]");
        client.deliver("foo", "waiting", false);
        waitFor(() -> client.payloads("out").size() == 1, "p1 in flight");
        g.close();
        assertTrue(Files.readString(dir.resolve(StateStore.FILE)).contains("\"node\":\"246f28aabbcc\""),
                "pending publications keep their node (its share of the queue)");

        FakeMqttClient second = FakeMqttClient.accepting();
        Gateway g2 = new Gateway(RelayConfig.fromMap(Map.of("persist_dir", dir.toString())), second, radio, clock);
        gateways.add(g2);
        g2.start();
        assertTrue(second.subscriptions().contains("foo:1"), "re-subscribed");
        waitFor(() -> second.payloads("out").equals(List.of("p1", "p2")), "pending publications republished in order");
        assertEquals(List.of("[\"foo\",\"waiting\",false]"), radio.frame(A, "[\"get\"]"));
        second.deliver("foo", "after", false);
        assertEquals(List.of("[\"foo\",\"after\",false]"), radio.frame(A, "[\"get\"]"), "node still subscribed");
    }

    @Test
    void stateFileOfAnEarlierReleaseWithoutNodesOnPublicationsStillLoads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE), "{\"version\":1,\"nodes\":[{\"id\":\"246f28aabbcc\",\"queue\":[]}],"
                + "\"topics\":[],\"pubq\":[{\"topic\":\"old\",\"payload\":\"kept\",\"retain\":false,\"qos\":1}]}");
        gateway("persist_dir", dir.toString());
        waitFor(() -> client.payloads("old").equals(List.of("kept")), "old pending publication published");
    }

    @Test
    void damagedStateFileIsSetAsideAndTheGatewayStartsEmpty(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE), "{\"nodes\": [ {\"id\": \"zz\"");
        Gateway g = gateway("persist_dir", dir.toString());
        assertEquals(0, g.nodes().size());
        assertTrue(Files.exists(dir.resolve(StateStore.FILE + ".bad")));
        assertEquals(List.of("UP"), radio.frame(A, "[\"ping\"]"));
    }

    @Test
    void reconfigurationCarriesNodesAndQueuesOver() throws Exception {
        Gateway g = gateway();
        radio.frame(A, "[\"foo\", 1]");
        client.deliver("foo", "kept", false);
        StateStore.Snapshot s = g.closeAndSnapshot();
        Gateway g2 = new Gateway(RelayConfig.fromMap(Map.of("qlen", 20)), client, radio, clock);
        gateways.add(g2);
        g2.start(s);
        assertEquals(List.of("[\"foo\",\"kept\",false]"), radio.frame(A, "[\"get\"]"));
        assertFalse(radio.peers.isEmpty());
    }
}
