/*
 * Issue 10 item 2: a Kura KeystoreService for tests over a JDK KeyStore (trusted CA certificates and a
 * client key pair), as Kura's SSLKeystore holds them. Only what a TLS client reads is backed; the
 * management operations Kura's web UI uses fail with OPERATION_NOT_SUPPORTED.
 */
package io.mqttas.kura.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.KeyStore.Entry;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.X509CRL;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.security.auth.x500.X500Principal;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.security.keystore.KeystoreService;

public final class TestKeystoreService implements KeystoreService {
    private final KeyStore store;
    private final char[] password;

    public TestKeystoreService(KeyStore store, char[] password) {
        this.store = store;
        this.password = password.clone();
    }

    @Override
    public KeyStore getKeyStore() {
        return store;
    }

    @Override
    public List<KeyManager> getKeyManagers(String algorithm) throws KuraException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(algorithm);
            kmf.init(store, password);
            return Arrays.asList(kmf.getKeyManagers());
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e);
        }
    }

    @Override
    public List<String> getAliases() throws KuraException {
        try {
            return Collections.list(store.aliases());
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e);
        }
    }

    private static KuraException unsupported() {
        return new KuraException(KuraErrorCode.OPERATION_NOT_SUPPORTED, "not in the test keystore");
    }

    @Override
    public Entry getEntry(String alias) throws KuraException {
        throw unsupported();
    }

    @Override
    public void setEntry(String alias, Entry entry) throws KuraException {
        throw unsupported();
    }

    @Override
    public Map<String, Entry> getEntries() throws KuraException {
        throw unsupported();
    }

    @Override
    public void deleteEntry(String alias) throws KuraException {
        throw unsupported();
    }

    @Override
    public void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm, String attributes)
            throws KuraException {
        throw unsupported();
    }

    @Override
    public void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm, String attributes,
            SecureRandom secureRandom) throws KuraException {
        throw unsupported();
    }

    @Override
    public void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes, SecureRandom secureRandom) throws KuraException {
        throw unsupported();
    }

    @Override
    public void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes) throws KuraException {
        throw unsupported();
    }

    @Override
    public String getCSR(KeyPair keyPair, X500Principal principal, String signerAlg) throws KuraException {
        throw unsupported();
    }

    @Override
    public String getCSR(String alias, X500Principal principal, String signerAlg) throws KuraException {
        throw unsupported();
    }

    @Override
    public Collection<CRL> getCRLs() {
        return List.of();
    }

    @Override
    public CertStore getCRLStore() throws KuraException {
        throw unsupported();
    }

    @Override
    public void addCRL(X509CRL crl) throws KuraException {
        throw unsupported();
    }
}
