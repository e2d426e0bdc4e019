/*
 * Issue 10 item 2: TLS trust and key material from a Kura KeystoreService selected by
 * ssl_params.keystore_service_pid, against a real Mosquitto that requires a client certificate. Until
 * the named keystore is there the transport says which one it waits for; when it appears, it connects.
 */
package io.mqttas.kura.component;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.KuraConnectException;
import org.junit.jupiter.api.Test;

import io.mqttas.kura.testing.RecordingListener;
import io.mqttas.kura.testing.TestKeystoreService;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.TestCertificates;
import io.mqttas.testkit.ThreadLeakCheck;

class KeystoreTransportTest {

    /** Like Kura's SSLKeystore: the CA as a trusted entry and the client key pair, one store. */
    static KeyStore sslKeystore(TestCertificates certs) throws Exception {
        KeyStore ks = certs.clientKeyStore();
        KeyStore ca = TestCertificates.trustStore(certs.caFile());
        for (String alias : Collections.list(ca.aliases())) {
            ks.setCertificateEntry("trusted-" + alias, ca.getCertificate(alias));
        }
        return ks;
    }

    @Test
    void trustAndClientKeyComeFromTheNamedKeystore() throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.snapshot("mqttas-");
        TestCertificates certs = TestCertificates.shared();
        try (MosquittoBroker broker = MosquittoBroker.builder().tls(certs).requireClientCertificate(true).start()) {
            Map<String, Object> p = new HashMap<>();
            p.put("kura.service.pid", "io.mqttas.kura.DataTransport-tls");
            p.put("server", "127.0.0.1");
            p.put("port", broker.tlsPort());
            p.put("ssl", true);
            p.put("ssl_params.keystore_service_pid", "SSLKeystore");
            p.put("timeout", 10);
            MqttasDataTransport t = new MqttasDataTransport();
            t.startTransport(p);
            try {
                KuraConnectException waiting = assertThrows(KuraConnectException.class, t::connect);
                assertTrue(waiting.getMessage().contains("waiting for Kura's KeystoreService with kura.service.pid=SSLKeystore"),
                        waiting.getMessage());
                t.addKeystoreService(new TestKeystoreService(sslKeystore(certs), "changeit".toCharArray()),
                        Map.of("kura.service.pid", "SSLKeystore"));
                RecordingListener events = new RecordingListener();
                t.addDataTransportListener(events);
                t.connect();
                assertTrue(t.isConnected());
                t.publish("tls/t", new byte[] { 7 }, 1, false);
                events.awaitConfirmation(Duration.ofSeconds(10));
            } finally {
                t.deactivate();
            }
        }
        threads.assertNoLeak(Duration.ofSeconds(10));
    }
}
