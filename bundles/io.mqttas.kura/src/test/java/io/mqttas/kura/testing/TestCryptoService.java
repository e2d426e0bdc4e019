/*
 * Issue 10 item 9: a CryptoService for tests that encrypts as Kura's does in spirit (AES, Base64 text) with
 * a fixed test key, so a PASSWORD value stored "by Kura" can be handed to a component in ciphertext.
 */
package io.mqttas.kura.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/** AES-GCM with a fixed key; decrypting anything that is not its own ciphertext fails, as Kura's does. */
public final class TestCryptoService implements CryptoService {
    private static final SecretKeySpec KEY = new SecretKeySpec("mqttas-test-key!".getBytes(StandardCharsets.US_ASCII), "AES");
    private final SecureRandom random = new SecureRandom();
    /** How many decryptions were asked for (tests check that the component really used the service). */
    public final AtomicInteger decryptions = new AtomicInteger();

    public String encrypt(String plain) {
        try {
            return new String(encryptAes(plain.toCharArray()));
        } catch (KuraException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public char[] encryptAes(char[] value) throws KuraException {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(new String(value).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array()).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.ENCODE_ERROR, e);
        }
    }

    @Override
    public char[] decryptAes(char[] encryptedValue) throws KuraException {
        decryptions.incrementAndGet();
        try {
            byte[] all = Base64.getDecoder().decode(new String(encryptedValue));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8).toCharArray();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, e);
        }
    }

    @Override
    public String encryptAes(String value) {
        return encrypt(value);
    }

    @Override
    public String decryptAes(String encryptedValue) {
        try {
            return new String(decryptAes(encryptedValue.toCharArray()));
        } catch (KuraException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String hash(String s, String algorithm) throws NoSuchAlgorithmException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String encodeBase64(String stringValue) {
        return Base64.getEncoder().encodeToString(stringValue.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decodeBase64(String encodedValue) {
        return new String(Base64.getDecoder().decode(encodedValue), StandardCharsets.UTF_8);
    }

    @Override
    public char[] getKeyStorePassword(String keyStorePath) {
        return "changeit".toCharArray();
    }

    @Override
    public void setKeyStorePassword(String keyStorePath, char[] password) {
        // not needed by the tests
    }

    @Override
    public void setKeyStorePassword(String keyStorePath, String password) {
        // not needed by the tests
    }

    @Override
    public boolean isFrameworkSecure() {
        return false;
    }
}
