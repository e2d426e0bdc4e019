/*
 * Issue 10 item 2: Kura stores metatype PASSWORD values encrypted and hands them to components that way.
 * Decrypt with CryptoService; a value that does not decrypt is used as it is, as Kura's own components
 * do (a value set outside Kura, e.g. by a .cfg file, is plain text).
 */
package io.mqttas.kura.internal;

import java.util.function.UnaryOperator;

import org.eclipse.kura.crypto.CryptoService;

/** The plain text of stored secrets. */
public final class Secrets {
    private Secrets() {
    }

    /** Reveals with {@code crypto}, or returns the value itself (no CryptoService, or not Kura ciphertext). */
    public static UnaryOperator<String> with(CryptoService crypto) {
        return value -> {
            if (crypto == null || value == null || value.isEmpty()) {
                return value;
            }
            try {
                char[] plain = crypto.decryptAes(value.toCharArray());
                return plain == null ? value : new String(plain);
            } catch (Exception | LinkageError notEncrypted) {
                return value;
            }
        };
    }
}
