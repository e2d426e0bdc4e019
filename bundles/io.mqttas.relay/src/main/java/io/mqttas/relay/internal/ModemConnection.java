/*
 * docs/relay-modem.md "Requests": one open port to the modem. Requests carry a sequence number
 * the modem echoes in its RESULT; each waits at most its deadline (never forever) and fails at
 * once when the port is lost. Writes are serialised; results are completed by the reader thread.
 */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Requests over one open modem port. Thread-safe. */
final class ModemConnection {

    /** A modem's answer to a request: status OK, NOT_ACKED or ERROR, and the value (ERROR: its text). */
    record Result(int status, byte[] value) {
        String text() {
            return new String(value, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private final ModemPort port;
    private final Map<Integer, CompletableFuture<Result>> pending = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private int seq;
    private volatile IOException failure;

    ModemConnection(ModemPort port) {
        this.port = port;
    }

    ModemPort port() {
        return port;
    }

    /** Sends a request and waits for its RESULT at most {@code timeout}. */
    Result request(int type, byte[] args, Duration timeout) throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException("modem port lost: " + f.getMessage(), f);
        }
        CompletableFuture<Result> answer = new CompletableFuture<>();
        int id;
        synchronized (writeLock) {
            id = seq = (seq + 1) & 0xff;
            byte[] payload = new byte[args.length + 1];
            payload[0] = (byte) id;
            System.arraycopy(args, 0, payload, 1, args.length);
            pending.put(id, answer);
            try {
                OutputStream out = port.out();
                out.write(new ModemFrame(type, payload).encode());
                out.flush();
            } catch (IOException e) {
                pending.remove(id, answer);
                fail(e);
                throw e;
            }
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("modem did not answer request 0x" + Integer.toHexString(type) + " within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IOException("modem request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the modem");
        } finally {
            pending.remove(id, answer);
        }
    }

    /** A RESULT arrived (reader thread); one for no waiting request (late, or after a reboot) is ignored. */
    void complete(int seq, Result r) {
        CompletableFuture<Result> waiting = pending.remove(seq);
        if (waiting != null) {
            waiting.complete(r);
        }
    }

    /** The port failed: every waiting and later request fails at once. */
    void fail(IOException cause) {
        if (failure == null) {
            failure = cause;
        }
        pending.values().forEach(f -> f.completeExceptionally(cause));
        pending.clear();
    }

    boolean failed() {
        return failure != null;
    }

    /** Why the connection failed (null while it works). */
    IOException failure() {
        return failure;
    }

    /** Closes the port (unblocks the reader) and fails what waits. */
    void close(IOException cause) {
        fail(cause);
        try {
            port.close();
        } catch (IOException | RuntimeException e) {
            // closing a lost port may fail again; the port is gone either way
        }
    }
}
