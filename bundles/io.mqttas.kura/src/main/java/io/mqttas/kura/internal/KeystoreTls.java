/*
 * Issue 10 item 2: TLS trust and key material from a Kura KeystoreService, selected by its
 * kura.service.pid (key ssl_params.keystore_service_pid). The keystore's trusted certificates become
 * the trust managers (none: ssl_params.ca_certs or the JVM's trust store decide), its key pairs the key
 * managers (Kura's getKeyManagers); both reach the client through MqttConfig.Builder.tlsManagers.
 */
package io.mqttas.kura.internal;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.security.keystore.KeystoreService;

import io.mqttas.session.MqttConfig;

/** The keystores known by kura.service.pid, and the client configuration they give. */
public final class KeystoreTls {
    private final Map<String, KeystoreService> byPid = new ConcurrentHashMap<>();

    public void add(String kuraServicePid, KeystoreService keystore) {
        if (kuraServicePid != null) {
            byPid.put(kuraServicePid, keystore);
        }
    }

    public void remove(String kuraServicePid, KeystoreService keystore) {
        if (kuraServicePid != null) {
            byPid.remove(kuraServicePid, keystore);
        }
    }

    /** The client configuration of {@code s}; a keystore named but absent fails, saying which one is awaited. */
    MqttConfig config(TransportSettings s) throws KuraConnectException {
        String pid = s.keystorePid();
        if (!s.ssl() || pid.isEmpty()) {
            return s.config(null, null);
        }
        KeystoreService ks = byPid.get(pid);
        if (ks == null) {
            throw new KuraConnectException("waiting for Kura's KeystoreService with kura.service.pid=" + pid
                    + " (Security → Keystore Configuration); present: " + Collections.list(Collections.enumeration(byPid.keySet())));
        }
        try {
            return s.config(keyManagers(ks), trustManagers(ks));
        } catch (KuraException | KeyStoreException | NoSuchAlgorithmException e) {
            throw new KuraConnectException(e, "keystore " + pid + " cannot be used for TLS: " + e.getMessage());
        }
    }

    static KeyManager[] keyManagers(KeystoreService ks) throws KuraException {
        return ks.getKeyManagers(KeyManagerFactory.getDefaultAlgorithm()).toArray(new KeyManager[0]);
    }

    /** Trust managers over the keystore's trusted certificate entries; null if it has none. */
    static TrustManager[] trustManagers(KeystoreService ks) throws KuraException, KeyStoreException, NoSuchAlgorithmException {
        KeyStore source = ks.getKeyStore();
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (java.io.IOException | java.security.cert.CertificateException e) {
            throw new KeyStoreException(e);
        }
        int n = 0;
        for (String alias : Collections.list(source.aliases())) {
            if (source.isCertificateEntry(alias)) {
                trusted.setCertificateEntry(alias, source.getCertificate(alias));
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        return tmf.getTrustManagers();
    }
}
