/* One running bridge: a link to the host plus the application protocol (spec/bridge.md §1). */
package io.mqttas.bridge.internal;

import io.mqttas.bridge.Bridge;
import io.mqttas.bridge.BridgeStatus;

/** Wires a {@link Link} to a {@link BridgeProtocol}; {@link #close()} stops both and every thread. */
public final class BridgeRuntime implements Bridge, AutoCloseable {
    private final String name;
    private final Link link;
    private final BridgeProtocol protocol;

    public BridgeRuntime(String name, Link link, ClientProvider clients, BridgeProtocol.Options options) {
        this.name = name;
        this.link = link;
        this.protocol = new BridgeProtocol(name, link, clients, options);
    }

    /** Starts the protocol thread, then the link's. */
    public BridgeRuntime start() {
        protocol.start();
        link.start(protocol);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BridgeStatus status() {
        LinkCounters c = link.counters();
        return new BridgeStatus(name, link.describe(), link.state(), protocol.state().name(), protocol.brokerUp(),
                c.restarts.get(), protocol.sessions(), c.charsIn.get(), c.charsOut.get(), c.recordsIn.get(),
                c.recordsOut.get(), c.recordsDropped.get(), c.rejected.get(), c.lastError);
    }

    /** Stops the link first (no more records), then the protocol (closes an own client). */
    @Override
    public void close() {
        try {
            link.close();
        } finally {
            protocol.close();
        }
    }
}
