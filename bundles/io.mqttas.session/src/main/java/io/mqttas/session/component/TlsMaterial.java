/* Issue 10 item 2: TLS key and trust material the session component can take from outside (a Kura keystore). */
package io.mqttas.session.component;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/** Key and trust managers by keystore name; changes are announced to the listeners. */
interface TlsMaterial {

    /** The managers of a keystore (a null half: take it from ssl_params / the JVM). */
    record Managers(KeyManager[] keys, TrustManager[] trust) {
    }

    /** The material of the keystore whose kura.service.pid is {@code keystorePid}, or null if there is none. */
    Managers managers(String keystorePid);

    void addListener(Runnable changed);

    void removeListener(Runnable changed);
}
