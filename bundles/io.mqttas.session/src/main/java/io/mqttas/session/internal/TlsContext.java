/* spec/mqtt_as.md §2 (ssl, ssl_params), robustness.md P8: the TLS settings of a client, host name verification on by default. */
package io.mqttas.session.internal;

import io.mqttas.session.InvalidConfigException;
import io.mqttas.session.MqttConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The TLS context of a client, configured from {@code ssl_params}:
 * <ul>
 * <li>{@code server_hostname}: the name sent as SNI and verified against the certificate (default: the server host);</li>
 * <li>{@code ca_certs} / {@code cafile}: PEM file of trusted CAs; {@code cadata}: the same as PEM text (default: the JDK's trust store);</li>
 * <li>{@code cert} / {@code certfile} and {@code key} / {@code keyfile}: client certificate chain and key (PEM; PKCS#8,
 * encrypted PKCS#8 with {@code key_password}, or PKCS#1 RSA);</li>
 * <li>{@code cert_reqs}: 2/CERT_REQUIRED (default) or 1 verify the server; 0/CERT_NONE trusts any certificate (logged as insecure);</li>
 * <li>{@code check_hostname}: true (default) verifies the host name.</li>
 * </ul>
 * Key or trust managers given by code ({@code MqttConfig.Builder.tlsManagers}, e.g. from a Kura
 * keystore) replace the PEM parameters of their half.
 * The handshake itself runs on the selector loop ({@link TlsSession}); it shares the connect deadline
 * ({@code response_time}).
 */
final class TlsContext {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContext.class);

    private final SSLContext context;
    private final String serverHostname;
    private final boolean verifyHost;

    /** Builds the SSL context once per client (a bad key or CA file fails here, naming ssl_params). */
    TlsContext(MqttConfig config) {
        Map<String, String> p = config.sslParams();
        int certReqs = p.get("cert_reqs") == null ? 2 : ConfigMap.certReqs(p.get("cert_reqs"));
        this.serverHostname = p.get("server_hostname");
        this.verifyHost = certReqs != 0 && (p.get("check_hostname") == null || ConfigMap.bool("ssl_params.check_hostname", p.get("check_hostname")));
        try {
            // Managers given by code (a Kura keystore) replace the PEM parameters; CERT_NONE still wins.
            TrustManager[] given = config.tlsTrustManagers();
            TrustManager[] trust = certReqs == 0 ? new TrustManager[] {new TrustAll()} : given != null ? given : trustManagers(p);
            if (certReqs == 0) {
                LOG.warn("ssl_params.cert_reqs=CERT_NONE: the broker's certificate is NOT verified (insecure)");
            }
            KeyManager[] keys = config.tlsKeyManagers() != null ? config.tlsKeyManagers() : keyManagers(p);
            context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigException("ssl_params", e.getMessage(), "readable PEM files for ca_certs, cert and key");
        }
    }

    /** The name sent as SNI and checked against the certificate for a connection to {@code host}. */
    String sniName(String host) {
        return serverHostname != null && !serverHostname.isEmpty() ? serverHostname : host;
    }

    /** A client-mode engine for one connection, host name verification on unless turned off. */
    SSLEngine newEngine(String host, int port) {
        SSLEngine e = context.createSSLEngine(sniName(host), port);
        e.setUseClientMode(true);
        SSLParameters params = e.getSSLParameters();
        if (verifyHost) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        e.setSSLParameters(params);
        return e;
    }

    static TrustManager[] trustManagers(Map<String, String> p) throws IOException, GeneralSecurityException {
        String file = first(p, "ca_certs", "cafile");
        String data = p.get("cadata");
        if (file == null && data == null) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return tmf.getTrustManagers();
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        List<Certificate> certs = new ArrayList<>();
        if (file != null) {
            certs.addAll(certificates(Files.readAllBytes(Path.of(file))));
        }
        if (data != null) {
            certs.addAll(certificates(data.getBytes(StandardCharsets.US_ASCII)));
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no CA certificate found in " + (file != null ? file : "cadata"));
        }
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    static KeyManager[] keyManagers(Map<String, String> p) throws IOException, GeneralSecurityException {
        String certFile = first(p, "cert", "certfile");
        String keyFile = first(p, "key", "keyfile");
        if (certFile == null && keyFile == null) {
            return null;
        }
        if (certFile == null || keyFile == null) {
            throw new GeneralSecurityException("a client certificate needs both ssl_params.cert and ssl_params.key");
        }
        List<Certificate> chain = certificates(Files.readAllBytes(Path.of(certFile)));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate found in " + certFile);
        }
        PrivateKey key = privateKey(Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII), keyFile, p.get("key_password"));
        char[] pw = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    private static String first(Map<String, String> p, String a, String b) {
        String v = p.get(a);
        if (v == null || v.isEmpty()) {
            v = p.get(b);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    static List<Certificate> certificates(byte[] pem) throws GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        return new ArrayList<>(cf.generateCertificates(new ByteArrayInputStream(pem)));
    }

    static PrivateKey privateKey(String pem, String where, String password) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        boolean encrypted = pem.contains("BEGIN ENCRYPTED PRIVATE KEY");
        if (pkcs1 && pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new GeneralSecurityException(where + ": legacy encrypted PKCS#1 keys are not supported;"
                    + " convert with: openssl pkcs8 -topk8 -in key.pem -out key8.pem");
        }
        if (!pkcs1 && !encrypted && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(where + ": expected a PKCS#8 ('BEGIN PRIVATE KEY' or 'BEGIN ENCRYPTED PRIVATE KEY')"
                    + " or RSA PKCS#1 key; convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem");
        }
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        if (encrypted) {
            if (password == null) {
                throw new GeneralSecurityException(where + ": the key is encrypted; set ssl_params.key_password");
            }
            javax.crypto.EncryptedPrivateKeyInfo info;
            try {
                info = new javax.crypto.EncryptedPrivateKeyInfo(der);
            } catch (IOException e) {
                throw new GeneralSecurityException(where + ": not an encrypted PKCS#8 key: " + e.getMessage(), e);
            }
            // For PBES2 (OpenSSL's default) the parameters name the real algorithm, e.g. PBEWithHmacSHA256AndAES_256.
            String alg = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance(alg);
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(alg);
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, f.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            der = info.getKeySpec(cipher).getEncoded();
        }
        if (pkcs1) {
            der = wrapRsaPkcs1(der);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "DSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException(where + ": unsupported private key: " + last.getMessage());
    }

    /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as an OCTET STRING). */
    private static byte[] wrapRsaPkcs1(byte[] pkcs1) {
        byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] inner = new byte[version.length + algId.length + octet.length];
        System.arraycopy(version, 0, inner, 0, version.length);
        System.arraycopy(algId, 0, inner, version.length, algId.length);
        System.arraycopy(octet, 0, inner, version.length + algId.length, octet.length);
        return der(0x30, inner);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len = n < 128 ? new byte[] {(byte) n}
                : n < 256 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 65_536 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    /** cert_reqs = CERT_NONE. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
