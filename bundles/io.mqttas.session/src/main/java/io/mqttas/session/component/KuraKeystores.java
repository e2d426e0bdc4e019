/*
 * Issue 10 item 2: TLS material from Kura's KeystoreService instances (Security → Keystore Configuration),
 * by kura.service.pid. The trusted certificates become trust managers (none: ssl_params.ca_certs or the JVM
 * decide), the key pairs key managers (Kura's getKeyManagers). Satisfied only where at least one
 * KeystoreService exists, so the optional org.eclipse.kura.security.keystore package is loaded only there.
 */
package io.mqttas.session.component;

import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.kura.security.keystore.KeystoreService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Component(name = "io.mqttas.session.kura.keystores", service = TlsMaterial.class)
public final class KuraKeystores implements TlsMaterial {
    private static final Logger LOG = LoggerFactory.getLogger(KuraKeystores.class);

    private final Map<String, KeystoreService> byPid = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    void addKeystore(KeystoreService keystore, Map<String, Object> properties) {
        Object pid = properties.get("kura.service.pid");
        if (pid instanceof String p) {
            byPid.put(p, keystore);
            listeners.forEach(Runnable::run);
        }
    }

    void removeKeystore(KeystoreService keystore, Map<String, Object> properties) {
        Object pid = properties.get("kura.service.pid");
        if (pid instanceof String p && byPid.remove(p, keystore)) {
            listeners.forEach(Runnable::run);
        }
    }

    @Override
    public Managers managers(String keystorePid) {
        KeystoreService ks = byPid.get(keystorePid);
        if (ks == null) {
            return null;
        }
        try {
            KeyManager[] keys = ks.getKeyManagers(KeyManagerFactory.getDefaultAlgorithm()).toArray(new KeyManager[0]);
            KeyStore source = ks.getKeyStore();
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (String alias : Collections.list(source.aliases())) {
                if (source.isCertificateEntry(alias)) {
                    trusted.setCertificateEntry(alias, source.getCertificate(alias));
                    n++;
                }
            }
            TrustManager[] trust = null;
            if (n > 0) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trusted);
                trust = tmf.getTrustManagers();
            }
            return new Managers(keys, trust);
        } catch (Exception e) {
            LOG.error("keystore {} cannot be used for TLS: {}", keystorePid, e.toString());
            return null;
        }
    }

    @Override
    public void addListener(Runnable changed) {
        listeners.add(changed);
    }

    @Override
    public void removeListener(Runnable changed) {
        listeners.remove(changed);
    }
}
