# org.eclipse.kura.security.keystore.KeystoreService as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.security.keystore.KeystoreService
method public abstract java.lang.String getCSR(java.lang.String, javax.security.auth.x500.X500Principal, java.lang.String) throws org.eclipse.kura.KuraException
method public abstract java.lang.String getCSR(java.security.KeyPair, javax.security.auth.x500.X500Principal, java.lang.String) throws org.eclipse.kura.KuraException
method public abstract java.security.KeyStore getKeyStore() throws org.eclipse.kura.KuraException
method public abstract java.security.KeyStore$Entry getEntry(java.lang.String) throws org.eclipse.kura.KuraException
method public abstract java.security.cert.CertStore getCRLStore() throws org.eclipse.kura.KuraException
method public abstract java.util.Collection<java.security.cert.CRL> getCRLs() throws org.eclipse.kura.KuraException
method public abstract java.util.List<java.lang.String> getAliases() throws org.eclipse.kura.KuraException
method public abstract java.util.List<javax.net.ssl.KeyManager> getKeyManagers(java.lang.String) throws org.eclipse.kura.KuraException
method public abstract java.util.Map<java.lang.String, java.security.KeyStore$Entry> getEntries() throws org.eclipse.kura.KuraException
method public abstract void addCRL(java.security.cert.X509CRL) throws org.eclipse.kura.KuraException
method public abstract void createKeyPair(java.lang.String, java.lang.String, int, java.lang.String, java.lang.String) throws org.eclipse.kura.KuraException
method public abstract void createKeyPair(java.lang.String, java.lang.String, int, java.lang.String, java.lang.String, java.security.SecureRandom) throws org.eclipse.kura.KuraException
method public abstract void createKeyPair(java.lang.String, java.lang.String, java.security.spec.AlgorithmParameterSpec, java.lang.String, java.lang.String) throws org.eclipse.kura.KuraException
method public abstract void createKeyPair(java.lang.String, java.lang.String, java.security.spec.AlgorithmParameterSpec, java.lang.String, java.lang.String, java.security.SecureRandom) throws org.eclipse.kura.KuraException
method public abstract void deleteEntry(java.lang.String) throws org.eclipse.kura.KuraException
method public abstract void setEntry(java.lang.String, java.security.KeyStore$Entry) throws org.eclipse.kura.KuraException
