/* spec/mqtt_as.md §4.6, §4.7, B16 and issue 9 items 2, 12: disconnect() and close() — every future completes, nothing waits for ever. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>{@code disconnect()}</b>: stops reconnecting, fails every held operation with
 * {@code MqttClosedException} (QoS 0 frames not yet written included: they are dropped from the
 * writer, nothing follows a DISCONNECT), sends DISCONNECT after the frame in progress (the broker
 * then discards the Will) and closes the connection once it is written, or after
 * {@code response_time} if it cannot be. The returned future completes then. New operations fail
 * at once until {@code connect()} is called again.
 *
 * <p><b>{@code close()}</b>: the same without DISCONNECT (the broker publishes the Will), at once;
 * then it waits (at most {@value #QUIET_MILLIS} ms) until the completions it queued have run, so when
 * it returns every future of the client is complete unless a callback of the application blocks.
 * The lock-holding parts run under the session lock.
 */
final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
    static final long QUIET_MILLIS = 2000;

    private final ClientContext ctx;
    private final Supervisor supervisor;
    private final Operations ops;
    private final BrokerProbe probe;
    private final Completions done;
    private Connection closing;
    private ClientFuture<Void> disconnected;

    Shutdown(ClientContext ctx, Supervisor supervisor, Operations ops, BrokerProbe probe, Completions done) {
        this.ctx = ctx;
        this.supervisor = supervisor;
        this.ops = ops;
        this.probe = probe;
        this.done = done;
    }

    ClientFuture<Void> disconnect() {
        if (supervisor.state == Supervisor.State.CLOSED) {
            return ClientFuture.completed(null);
        }
        ops.refuse("disconnect() was called; connect() connects again");
        ops.failAll("client disconnected");
        Connection c = supervisor.current();
        supervisor.stop(Supervisor.State.DISCONNECTING, "disconnect() called while connecting");
        ClientFuture<Void> result = new ClientFuture<>();
        if (c == null || !c.open()) {
            supervisor.disconnected();
            done.complete(result, null);
            return result;
        }
        if (disconnected != null) {
            done.complete(disconnected, null); // a second disconnect() supersedes the first
        }
        closing = c;
        disconnected = result;
        c.writer.dropQueuedOperations();
        c.writer.control(Frames.DISCONNECT);
        ctx.later(ctx.config.responseTimeMillis(), () -> finish(c, "DISCONNECT could not be written within response_time"));
        ops.flush(c);
        return result;
    }

    /** The DISCONNECT frame was handed to the socket: close once the writer is done with it. */
    void disconnectWritten(Connection c) {
        ctx.onLoop(() -> finish(c, "disconnect() by the application"));
    }

    private void finish(Connection c, String reason) {
        if (closing != c) {
            return;
        }
        closing = null;
        supervisor.lost(c, reason);
        supervisor.disconnected();
        ClientFuture<Void> f = disconnected;
        disconnected = null;
        if (f != null) {
            done.complete(f, null);
        }
    }

    /** The part of {@code close()} under the lock. */
    void closeLocked() {
        supervisor.stop(Supervisor.State.CLOSED, "client closed while connecting");
        ops.refuse("client is closed");
        ops.failAll("client closed");
        Connection c = supervisor.current();
        if (c != null) {
            supervisor.lost(c, "close() by the application"); // no DISCONNECT: the Will is published
        }
        if (closing != null) {
            supervisor.lost(closing, "close() by the application");
            closing = null;
        }
        if (disconnected != null) {
            done.complete(disconnected, null);
            disconnected = null;
        }
    }

    /** The part of {@code close()} after the lock: let the queued completions run. */
    void awaitCompletions() {
        if (!ctx.executor.awaitQuiet(QUIET_MILLIS)) {
            LOG.warn("{}: completions did not finish within {} ms of close() (an application callback blocks)", ctx.name, QUIET_MILLIS);
        }
    }
}
