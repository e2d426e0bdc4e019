/*
 * Issue 10 item 2: on Kura, PASSWORD values reach components encrypted; Kura's own components decrypt
 * them with CryptoService and use the value as it is when it does not decrypt. A separate component so
 * that the optional org.eclipse.kura.crypto package is only loaded where Kura's service exists: outside
 * Kura this component is never satisfied and the session component reads passwords as plain text.
 */
package io.mqttas.session.component;

import org.eclipse.kura.crypto.CryptoService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(name = "io.mqttas.session.kura.secrets", service = Secrets.class)
public final class KuraSecrets implements Secrets {
    private final CryptoService crypto;

    @Activate
    public KuraSecrets(@Reference CryptoService crypto) {
        this.crypto = crypto;
    }

    @Override
    public String reveal(String stored) {
        if (stored == null || stored.isEmpty()) {
            return stored;
        }
        try {
            char[] plain = crypto.decryptAes(stored.toCharArray());
            return plain == null ? stored : new String(plain);
        } catch (Exception notEncrypted) {
            return stored;   // set outside Kura (e.g. a .cfg file): plain text, as Kura's components assume
        }
    }
}
