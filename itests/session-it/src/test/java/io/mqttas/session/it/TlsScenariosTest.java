/* spec/mqtt_as.md §2 (ssl, ssl_params), robustness.md P8: TLS against Mosquitto with good and bad certificates. */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttConnectException;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsScenariosTest {
    private static final TestCertificates PKI = TestCertificates.shared();

    private static MqttConfig.Builder tls(MosquittoBroker b, String id) {
        return Fast.config(b.host(), b.tlsPort(), id).ssl(true).responseTime(5);
    }

    private static void assertRefusedByTls(MqttClient c) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect(true).get(15, TimeUnit.SECONDS));
        MqttConnectException ce = assertInstanceOf(MqttConnectException.class, e.getCause());
        Throwable t = ce.getCause();
        boolean ssl = false;
        while (t != null) {
            ssl |= t instanceof SSLException;
            t = t.getCause();
        }
        assertTrue(ssl || ce.getCause() instanceof java.io.IOException, "a TLS failure: " + ce.getCause());
    }

    @Test
    void goodCertificateConnectsAndPublishes() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().tls(PKI).start();
             MqttClient c = MqttClient.create(tls(b, "tls-good").sslParam("ca_certs", PKI.caFile().toString()).build())) {
            c.connect(true).get(15, TimeUnit.SECONDS);
            c.publish("tls/t", utf8("secret"), false, 1).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void unknownCaIsRejected() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().tls(PKI).start();
             MqttClient c = MqttClient.create(tls(b, "tls-bad-ca").sslParam("ca_certs", PKI.wrongCaFile().toString()).build())) {
            assertRefusedByTls(c);
        }
    }

    @Test
    void wrongHostNameIsRejectedByDefaultAndAcceptedOnlyWhenCheckingIsOff() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().tls(PKI).tlsWrongHostName(true).start()) {
            try (MqttClient c = MqttClient.create(tls(b, "tls-wrong-host").sslParam("ca_certs", PKI.caFile().toString()).build())) {
                assertRefusedByTls(c);
            }
            try (MqttClient c = MqttClient.create(tls(b, "tls-no-check").sslParams(Map.of("ca_certs", PKI.caFile().toString(),
                    "check_hostname", "false")).build())) {
                c.connect(true).get(15, TimeUnit.SECONDS);
            }
            try (MqttClient c = MqttClient.create(tls(b, "tls-sni").sslParams(Map.of("ca_certs", PKI.caFile().toString(),
                    "server_hostname", "not-this-host.invalid")).build())) {
                // server_hostname names the certificate we expect (SNI + verification), as mqtt_as's ssl_params
                c.connect(true).get(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void clientCertificateWhenTheBrokerRequiresOne() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().tls(PKI).requireClientCertificate(true).start()) {
            try (MqttClient c = MqttClient.create(tls(b, "tls-cert").sslParams(Map.of("ca_certs", PKI.caFile().toString(),
                    "cert", PKI.clientCertFile().toString(), "key", PKI.clientKeyFile().toString())).build())) {
                c.connect(true).get(15, TimeUnit.SECONDS);
                c.publish("tls/c", utf8("x"), false, 1).get(5, TimeUnit.SECONDS);
            }
            try (MqttClient c = MqttClient.create(tls(b, "tls-nocert").sslParam("ca_certs", PKI.caFile().toString()).build())) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect(true).get(15, TimeUnit.SECONDS));
                assertInstanceOf(MqttConnectException.class, e.getCause());
            }
        }
    }

    @Test
    void certReqsNoneTrustsAnyCertificate() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().tls(PKI).tlsWrongHostName(true).start();
             MqttClient c = MqttClient.create(tls(b, "tls-insecure").sslParam("cert_reqs", "CERT_NONE").build())) {
            c.connect(true).get(15, TimeUnit.SECONDS);
        }
    }
}
