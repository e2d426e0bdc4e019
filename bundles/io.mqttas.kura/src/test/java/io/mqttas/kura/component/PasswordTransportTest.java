/*
 * Issue 10 item 9: a broker that needs a password, with the password stored the way Kura stores PASSWORD
 * values (encrypted by CryptoService). The transport component decrypts and connects; a wrong password
 * fails with the CONNACK code, is logged once however often Kura's DataService retries, and costs one
 * connection attempt per connect() call — no retry loop of its own (counted at a FaultProxy).
 */
package io.mqttas.kura.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.data.DataTransportToken;
import org.junit.jupiter.api.Test;

import io.mqttas.kura.testing.RecordingListener;
import io.mqttas.kura.testing.TestCryptoService;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.ThreadLeakCheck;

class PasswordTransportTest {

    static Map<String, Object> properties(int port, String user, String storedPassword) {
        Map<String, Object> p = new HashMap<>();
        p.put("kura.service.pid", "io.mqttas.kura.DataTransport-pw");
        p.put("service.pid", "io.mqttas.kura.MqttasDataTransport.1234");
        p.put("server", "127.0.0.1");
        p.put("port", port);
        p.put("client_id", "kura-pw");
        p.put("user", user);
        p.put("password", storedPassword);
        p.put("timeout", 5);
        return p;
    }

    static MqttasDataTransport component(TestCryptoService crypto, Map<String, Object> props) {
        MqttasDataTransport c = new MqttasDataTransport();
        if (crypto != null) {
            c.setCryptoService(crypto);   // DS binds before activate
        }
        c.startTransport(props);
        return c;
    }

    @Test
    void encryptedPasswordIsDecryptedAndConnects() throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.snapshot("mqttas-");
        TestCryptoService crypto = new TestCryptoService();
        try (MosquittoBroker broker = MosquittoBroker.builder().allowAnonymous(false).user("gw", "s3cret-pw").start()) {
            String stored = crypto.encrypt("s3cret-pw");
            MqttasDataTransport t = component(crypto, properties(broker.port(), "gw", stored));
            RecordingListener events = new RecordingListener();
            t.addDataTransportListener(events);
            try {
                t.connect();
                assertTrue(t.isConnected());
                assertTrue(crypto.decryptions.get() > 0, "the component asked the CryptoService");
                DataTransportToken token = t.publish("pw/t", new byte[] { 1 }, 1, false);
                assertNotNull(token, "QoS 1 gives a token");
                assertEquals(token, events.awaitConfirmation(Duration.ofSeconds(10)));
                assertEquals("kura-pw", t.getClientId());
                assertEquals("gw", t.getUsername());
                assertEquals("mqtt://127.0.0.1:" + broker.port() + "/", t.getBrokerUrl());
            } finally {
                t.deactivate();
            }
        }
        threads.assertNoLeak(Duration.ofSeconds(10));
    }

    @Test
    void aPlainPasswordIsUsedAsItIsWhenItDoesNotDecrypt() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder().allowAnonymous(false).user("gw", "plain-pw").start()) {
            MqttasDataTransport t = component(new TestCryptoService(), properties(broker.port(), "gw", "plain-pw"));
            try {
                t.connect();
                assertTrue(t.isConnected());
            } finally {
                t.deactivate();
            }
        }
    }

    @Test
    void wrongPasswordGivesTheConnackCodeLoggedOnceWithoutARetryLoop() throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.snapshot("mqttas-");
        TestCryptoService crypto = new TestCryptoService();
        try (MosquittoBroker broker = MosquittoBroker.builder().allowAnonymous(false).user("gw", "right").start();
             FaultProxy proxy = FaultProxy.to(broker)) {
            MqttasDataTransport t = component(crypto, properties(proxy.port(), "gw", crypto.encrypt("wrong")));
            try {
                for (int attempt = 1; attempt <= 4; attempt++) {
                    KuraConnectException e = assertThrows(KuraConnectException.class, t::connect);
                    String m = e.getMessage();
                    assertTrue(m.contains("CONNACK return code 5") || m.contains("CONNACK return code 4"), m);
                    assertTrue(proxy.awaitConnectionCount(attempt, Duration.ofSeconds(5)), "attempt " + attempt + " reached the broker");
                }
                Thread.sleep(1500);   // a retry loop of the transport's own would show here
                assertEquals(4, proxy.connectionCount(), "one connection per connect() call, none in between");
                assertEquals(1, t.transport().failureWarnings(), "the refusal is logged once, not once per retry");
                assertTrue(!t.isConnected());
            } finally {
                t.deactivate();
            }
        }
        threads.assertNoLeak(Duration.ofSeconds(10));
    }
}
