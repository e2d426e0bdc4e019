/* spec/mqtt_as.md §2 ssl_params: client keys in the PEM forms OpenSSL writes. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsKeysTest {

    private static String openssl(Path dir, String out, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + args[0] + ": " + log);
        return Files.readString(dir.resolve(out));
    }

    @Test
    void pkcs8PlainEncryptedAndRsaPkcs1KeysLoad(@TempDir Path dir) throws Exception {
        String ec = openssl(dir, "ec.pem", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        assertEquals("EC", TlsContext.privateKey(ec, "ec.pem", null).getAlgorithm());
        String enc = openssl(dir, "enc.pem", "pkcs8", "-topk8", "-in", "ec.pem", "-out", "enc.pem", "-passout", "pass:s3cret");
        assertTrue(enc.contains("ENCRYPTED PRIVATE KEY"));
        PrivateKey k = TlsContext.privateKey(enc, "enc.pem", "s3cret");
        assertEquals("EC", k.getAlgorithm());
        assertThrows(GeneralSecurityException.class, () -> TlsContext.privateKey(enc, "enc.pem", null));
        assertThrows(GeneralSecurityException.class, () -> TlsContext.privateKey(enc, "enc.pem", "wrong"));
        openssl(dir, "rsa8.pem", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa8.pem");
        String pkcs1 = openssl(dir, "rsa1.pem", "rsa", "-in", "rsa8.pem", "-out", "rsa1.pem", "-traditional");
        assertTrue(pkcs1.contains("BEGIN RSA PRIVATE KEY"));
        assertEquals("RSA", TlsContext.privateKey(pkcs1, "rsa1.pem", null).getAlgorithm());
    }

    @Test
    void unsupportedFormsFailWithAHowToFixMessage() {
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> TlsContext.privateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "k.pem", null));
        assertTrue(e.getMessage().contains("openssl pkcs8"), e.getMessage());
    }
}
