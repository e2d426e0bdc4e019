/* Issue 10 item 2: how the session component reads a stored PASSWORD value (Kura keeps them encrypted). */
package io.mqttas.session.component;

/** Reveals the plain text of a stored secret; a value that is not encrypted is returned as it is. */
interface Secrets {
    String reveal(String stored);
}
