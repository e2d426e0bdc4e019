/*
 * Issue 10 item 3: a session configuration that cannot run yet (no server, a rejected value, a keystore
 * not there) still registers as Kura's ConfigurableComponent with its kura.service.pid, so that Kura's
 * web UI finds the component it created and shows its form; mqtt:status lists it with the reason.
 */
package io.mqttas.session.component;

import org.eclipse.kura.configuration.ConfigurableComponent;

/** The registration of an idle session configuration. */
public final class IdleSession implements ConfigurableComponent {
    private final String pid;
    private volatile String reason;

    IdleSession(String pid, String reason) {
        this.pid = pid;
        this.reason = reason;
    }

    public String pid() {
        return pid;
    }

    public String reason() {
        return reason;
    }

    void reason(String r) {
        reason = r;
    }
}
