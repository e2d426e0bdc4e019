# org.eclipse.kura.crypto.CryptoService as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.crypto.CryptoService
method public abstract boolean isFrameworkSecure()
method public abstract char[] decryptAes(char[]) throws org.eclipse.kura.KuraException
method public abstract char[] encryptAes(char[]) throws org.eclipse.kura.KuraException
method public abstract char[] getKeyStorePassword(java.lang.String)
method public abstract java.lang.String decodeBase64(java.lang.String) throws java.io.UnsupportedEncodingException, java.security.NoSuchAlgorithmException
method public abstract java.lang.String decryptAes(java.lang.String) throws java.io.IOException, java.security.InvalidKeyException, java.security.NoSuchAlgorithmException, javax.crypto.BadPaddingException, javax.crypto.IllegalBlockSizeException, javax.crypto.NoSuchPaddingException
method public abstract java.lang.String encodeBase64(java.lang.String) throws java.io.UnsupportedEncodingException, java.security.NoSuchAlgorithmException
method public abstract java.lang.String encryptAes(java.lang.String) throws java.security.InvalidKeyException, java.security.NoSuchAlgorithmException, javax.crypto.BadPaddingException, javax.crypto.IllegalBlockSizeException, javax.crypto.NoSuchPaddingException
method public abstract java.lang.String hash(java.lang.String, java.lang.String) throws java.io.UnsupportedEncodingException, java.security.NoSuchAlgorithmException
method public abstract void setKeyStorePassword(java.lang.String, char[]) throws org.eclipse.kura.KuraException
method public abstract void setKeyStorePassword(java.lang.String, java.lang.String) throws java.io.IOException
method public default java.lang.String sha1Hash(java.lang.String) throws java.io.UnsupportedEncodingException, java.security.NoSuchAlgorithmException
method public default java.lang.String sha256Hash(java.lang.String) throws java.io.UnsupportedEncodingException, java.security.NoSuchAlgorithmException
