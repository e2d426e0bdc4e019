/* Issue 13 item 6, spec/mqtt_as.md §2 (ssl_params), robustness.md P8: the TLS rules of the TCP transport, for the JDK HttpClient behind wss://. */
package io.mqttas.session.internal;

import io.mqttas.session.InvalidConfigException;
import io.mqttas.session.MqttConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The SSL context of a {@code wss://} client, from the same {@code ssl_params} and code-given
 * managers as {@link TlsContext}: {@code ca_certs}/{@code cadata}, {@code cert}/{@code key},
 * {@code key_password}, {@code cert_reqs}, {@code check_hostname}. The JDK HttpClient always turns
 * host name verification on (endpoint identification "HTTPS", SNI from the URL's host), so
 * {@code check_hostname=false} and {@code cert_reqs=CERT_NONE} are carried out by trust managers
 * that verify the chain (or, for CERT_NONE, nothing) without the engine's host check.
 * {@code server_hostname} cannot be honoured (the JDK client sends and checks the URL's host):
 * it is refused unless it equals that host.
 */
final class WebSocketTls {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTls.class);

    private WebSocketTls() {
    }

    /** Refuses settings the JDK WebSocket client cannot carry out, naming the key. */
    static void check(MqttConfig config) {
        String sni = config.sslParams().get("server_hostname");
        if (sni == null || sni.isEmpty()) {
            return;
        }
        for (MqttConfig.Server s : config.servers()) {
            if (s.webSocket() && ServerUris.secure(s, config.ssl()) && !s.host().equalsIgnoreCase(sni)) {
                throw new InvalidConfigException("ssl_params.server_hostname", sni, "unset, or equal to the host of " + s
                        + " (the JDK WebSocket client sends and verifies the URL's host name; put that name in the URL)");
            }
        }
    }

    static SSLContext context(MqttConfig config) {
        Map<String, String> p = config.sslParams();
        int certReqs = p.get("cert_reqs") == null ? 2 : ConfigMap.certReqs(p.get("cert_reqs"));
        boolean verifyHost = certReqs != 0 && (p.get("check_hostname") == null || ConfigMap.bool("ssl_params.check_hostname", p.get("check_hostname")));
        try {
            TrustManager[] trust;
            if (certReqs == 0) {
                LOG.warn("ssl_params.cert_reqs=CERT_NONE: the broker's certificate is NOT verified (insecure)");
                trust = new TrustManager[] {new Unchecked(null)};
            } else {
                trust = config.tlsTrustManagers() != null ? config.tlsTrustManagers() : TlsContext.trustManagers(p);
                if (!verifyHost) {
                    for (int i = 0; i < trust.length; i++) {
                        if (trust[i] instanceof X509TrustManager x) {
                            trust[i] = new Unchecked(x);
                        }
                    }
                }
            }
            KeyManager[] keys = config.tlsKeyManagers() != null ? config.tlsKeyManagers() : TlsContext.keyManagers(p);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys, trust, null);
            return c;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigException("ssl_params", e.getMessage(), "readable PEM files for ca_certs, cert and key");
        }
    }

    /** Verifies the chain with {@code delegate} (or trusts any, if null) but never the host name. */
    private static final class Unchecked extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        Unchecked(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (delegate != null) {
                delegate.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not check client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
        }
    }
}
