/* DESIGN.md §4: listeners added at run time can be removed again. */
package io.mqttas.session;

/** Handle of a listener added to a client; {@link #close()} removes it (idempotent). */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
