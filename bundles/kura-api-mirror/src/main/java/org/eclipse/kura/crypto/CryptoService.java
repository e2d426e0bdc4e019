/* Mirror of Eclipse Kura 5.5's CryptoService (org.eclipse.kura.crypto 1.3.0): every member, Kura's signatures. */
package org.eclipse.kura.crypto;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.BadPaddingException;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;

import org.eclipse.kura.KuraException;

/** Kura's AES encryption of stored secrets (PASSWORD configuration values), Base64 and hashes. */
@org.osgi.annotation.versioning.ProviderType
public interface CryptoService {

    public char[] encryptAes(char[] value) throws KuraException;

    /** The plain text of a value Kura encrypted; fails for a value that is not Kura ciphertext. */
    public char[] decryptAes(char[] encryptedValue) throws KuraException;

    @Deprecated
    public String encryptAes(String value) throws NoSuchAlgorithmException, NoSuchPaddingException, InvalidKeyException,
            IllegalBlockSizeException, BadPaddingException;

    @Deprecated
    public String decryptAes(String encryptedValue) throws NoSuchAlgorithmException, NoSuchPaddingException,
            InvalidKeyException, IOException, IllegalBlockSizeException, BadPaddingException;

    default String sha1Hash(String s) throws NoSuchAlgorithmException, UnsupportedEncodingException {
        return hash(s, "SHA-1");
    }

    default String sha256Hash(String s) throws NoSuchAlgorithmException, UnsupportedEncodingException {
        return hash(s, "SHA-256");
    }

    public String hash(String s, String algorithm) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    public String encodeBase64(String stringValue) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    public String decodeBase64(String encodedValue) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    public char[] getKeyStorePassword(String keyStorePath);

    public void setKeyStorePassword(String keyStorePath, char[] password) throws KuraException;

    @Deprecated
    public void setKeyStorePassword(String keyStorePath, String password) throws IOException;

    public boolean isFrameworkSecure();
}
