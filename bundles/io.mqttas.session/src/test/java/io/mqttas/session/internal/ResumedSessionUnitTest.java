/* Issue 9 item 11 at the unit level: ids kept across a resumed session, one at a time after a multi-loss. */
package io.mqttas.session.internal;

import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumedSessionUnitTest extends SessionTestBase {

    @Test
    void aResumedSessionResendsUnacknowledgedWithDupAndTheirIds() throws Exception {
        Session s = session(c -> c.clean(false).cleanInit(false));
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Void> f1 = s.publish("r/1", "one".getBytes(), false, 1);
        CompletableFuture<Void> f2 = s.publish("r/2", "two".getBytes(), false, 1);
        Publish p1 = l.expect(Publish.class);
        Publish p2 = l.expect(Publish.class);
        l.close();
        FakeBroker.Link l2 = reconnect(true);
        Publish r1 = l2.expect(Publish.class);
        assertTrue(r1.dup());
        assertEquals(p1.packetId(), r1.packetId());
        l2.send(new PubAck(r1.packetId()));
        Publish r2 = l2.expect(Publish.class);
        assertTrue(r2.dup());
        assertEquals(p2.packetId(), r2.packetId());
        l2.send(new PubAck(r2.packetId()));
        f1.get(5, TimeUnit.SECONDS);
        f2.get(5, TimeUnit.SECONDS);
        assertFalse(s.metrics().inFlight() > 0);
    }
}
