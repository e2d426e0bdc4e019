/*
 * Issue 10 item 2: the session's seam for TLS material given by code (a Kura KeystoreService's key and
 * trust managers) — MqttConfig.Builder.tlsManagers — against a real Mosquitto that requires a client
 * certificate.
 */
package io.mqttas.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.TestCertificates;

class TlsManagersTest {

    private static MqttConfig.Builder tls(MosquittoBroker broker) {
        return MqttConfig.builder().server("127.0.0.1").port(broker.tlsPort()).ssl(true).responseTime(5)
                .stabilityTime(0).clientId("tls-managers");
    }

    @Test
    void keyAndTrustManagersGivenByCodeReplaceThePemParameters() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TestCertificates.trustStore(certs.caFile()));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(certs.clientKeyStore(), "changeit".toCharArray());
        try (MosquittoBroker broker = MosquittoBroker.builder().tls(certs).requireClientCertificate(true).start()) {
            try (MqttClient client = MqttClient.create(tls(broker).tlsManagers(kmf.getKeyManagers(), tmf.getTrustManagers()).build())) {
                assertEquals(false, client.connect(true).get(20, TimeUnit.SECONDS));
                client.publish("tls/managers", new byte[] { 1 }, false, 1).get(20, TimeUnit.SECONDS);
            }
            // Trust given, no key: the broker refuses the handshake (it requires a client certificate).
            try (MqttClient client = MqttClient.create(tls(broker).tlsManagers(null, tmf.getTrustManagers()).build())) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(true).get(20, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof io.mqttas.session.MqttConnectException, e.toString());
            }
        }
    }

    @Test
    void emptyArraysLeaveThePemParametersInCharge() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        try (MosquittoBroker broker = MosquittoBroker.builder().tls(certs).start();
             MqttClient client = MqttClient.create(tls(broker).sslParam("ca_certs", certs.caFile().toString())
                     .tlsManagers(new javax.net.ssl.KeyManager[0], null).build())) {
            assertEquals(null, client.config().tlsTrustManagers());
            assertEquals(false, client.connect(true).get(20, TimeUnit.SECONDS));
        }
    }
}
