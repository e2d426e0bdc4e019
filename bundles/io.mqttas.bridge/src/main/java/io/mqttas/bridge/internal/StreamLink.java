/*
 * Issue 5 item 2 and issue 12 item 4: the bridge's application protocol over a byte stream (UART or
 * any InputStream/OutputStream pair), framed as on SynCom (spec §3.5): records end with a NUL byte,
 * fields are separated by DEL (127); a NUL with nothing pending is idle, which makes it a heartbeat.
 */
package io.mqttas.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream link: a reader thread ({@code mqttas-bridge-rx-NAME}) turns bytes into records, a
 * writer thread ({@code mqttas-bridge-tx-NAME}) writes queued records, so a slow or stuck peer
 * never blocks the protocol. A stream has no reset wire and no clock:
 * <ul>
 * <li>the host starts a new session by sending {@code w} or {@code init} again (the protocol
 * restarts on those);</li>
 * <li>the link restarts when the stream is re-opened after an I/O error or end of stream; opening
 * is retried with back-off ({@link ReopenBackoff});</li>
 * <li>heartbeat: when nothing else was written for {@code heartbeatMillis} the writer sends one
 * NUL (idle for the host, proof for it that the gateway lives);</li>
 * <li>idle rule: when the host sent nothing at all — not even its own idle NULs — for
 * {@code idleTimeoutMillis} the link restarts once, which ends the host's session: the own MQTT
 * client is closed without DISCONNECT and the broker publishes the host's will while the host
 * is dead, not when it comes back.</li>
 * </ul>
 */
public final class StreamLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLink.class);
    private static final long POLL_MILLIS = 200;

    /** Opens (and re-opens) the stream pair. */
    public interface Opener {
        Streams open() throws IOException;

        /** For status displays, e.g. the device path. */
        String describe();
    }

    /** An open pair; closing it must unblock a thread stuck in {@code read}. */
    public interface Streams extends AutoCloseable {
        InputStream in();

        OutputStream out();

        @Override
        void close();
    }

    /**
     * Liveness of the stream (0 = off for the first two).
     *
     * @param heartbeatMillis   a NUL to the host when nothing was written for this long
     * @param idleTimeoutMillis restart (ends the host's session) when nothing came from the host for this long
     * @param reopenMillis      first pause before re-opening
     * @param reopenMaxMillis   longest pause before re-opening
     */
    public record Liveness(long heartbeatMillis, long idleTimeoutMillis, long reopenMillis, long reopenMaxMillis) {
        /** No heartbeat, no idle rule, re-open every {@code reopenMillis}. */
        public static Liveness none(long reopenMillis) {
            return new Liveness(0, 0, reopenMillis, reopenMillis);
        }
    }

    private final String name;
    private final Opener opener;
    private final Liveness liveness;
    private final LinkCore core;
    private volatile boolean running;
    private volatile Streams current;
    private volatile long lastInputNanos;
    private volatile boolean inputSinceRestart;
    private Thread reader;
    private Thread writer;

    public StreamLink(String name, Opener opener, int maxMessageLength, int txQueueLength, long reopenDelayMillis) {
        this(name, opener, maxMessageLength, txQueueLength, Liveness.none(reopenDelayMillis));
    }

    public StreamLink(String name, Opener opener, int maxMessageLength, int txQueueLength, Liveness liveness) {
        this.name = name;
        this.opener = opener;
        this.liveness = liveness;
        this.core = new LinkCore(name, maxMessageLength, txQueueLength);
    }

    @Override
    public synchronized void start(Events events) {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        core.attach(events);
        running = true;
        reader = new Thread(this::readLoop, "mqttas-bridge-rx-" + name);
        writer = new Thread(this::writeLoop, "mqttas-bridge-tx-" + name);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public boolean send(String record, boolean droppable) {
        return core.send(record, droppable);
    }

    @Override
    public void discardQueued() {
        core.discardQueued();
    }

    @Override
    public String describe() {
        return "stream " + opener.describe();
    }

    @Override
    public String state() {
        return core.state();
    }

    @Override
    public LinkCounters counters() {
        return core.counters();
    }

    @Override
    public void close() {
        Thread r;
        Thread w;
        synchronized (this) {
            running = false;
            r = reader;
            w = writer;
        }
        closeStreams();
        Shutdown.stop(r, Duration.ofSeconds(2), LOG, name);
        Shutdown.stop(w, Duration.ofSeconds(2), LOG, name);
        core.state("CLOSED");
    }

    private void readLoop() {
        ReopenBackoff reopen = new ReopenBackoff(name, opener.describe(), liveness.reopenMillis(),
                liveness.reopenMaxMillis());
        while (running) {
            Streams s;
            try {
                s = opener.open();
            } catch (IOException | RuntimeException e) {
                core.counters().lastError = "cannot open " + opener.describe() + ": " + e.getMessage();
                core.state("CLOSED");
                sleep(reopen.failed(String.valueOf(e.getMessage())));
                continue;
            }
            reopen.opened();
            lastInputNanos = System.nanoTime();
            inputSinceRestart = false;
            current = s;
            core.restart("stream opened");
            core.state("OPEN");
            LOG.info("bridge {}: stream link open on {}", name, opener.describe());
            String lost = null;
            try {
                InputStream in = s.in();
                byte[] buf = new byte[512];
                while (running) {
                    int n = in.read(buf);
                    if (n < 0) {
                        throw new IOException("end of stream");
                    }
                    if (n > 0) {
                        input();
                    }
                    for (int i = 0; i < n; i++) {
                        core.accept(buf[i] & 0xFF);
                    }
                }
            } catch (InterruptedIOException e) {
                // close() or a re-open: the loop condition decides
            } catch (IOException e) {
                lost = String.valueOf(e.getMessage());
            } catch (Throwable e) { // never let the reader die silently
                lost = "reader error: " + e;
                LOG.error("bridge {}: stream reader error; re-opening", name, e);
            }
            closeStreams();
            core.state("CLOSED");
            if (running) {
                String why = lost == null ? "closed" : lost;
                core.counters().lastError = "stream " + opener.describe() + ": " + why;
                sleep(reopen.lost(why));
            }
        }
    }

    private void input() {
        lastInputNanos = System.nanoTime();
        if (!inputSinceRestart) {
            inputSinceRestart = true;
            if ("SILENT".equals(core.state())) {
                core.state("OPEN");
            }
        }
    }

    private void writeLoop() {
        long lastWrite = System.nanoTime();
        long hb = liveness.heartbeatMillis();
        long pollMillis = hb > 0 ? Math.min(POLL_MILLIS, hb) : POLL_MILLIS;
        while (running) {
            try {
                String record = core.outbound().poll(pollMillis, TimeUnit.MILLISECONDS);
                checkIdle();
                Streams s = current;
                if (record == null) {
                    if (hb > 0 && s != null && System.nanoTime() - lastWrite >= TimeUnit.MILLISECONDS.toNanos(hb)) {
                        write(s, new byte[] {0});
                        lastWrite = System.nanoTime();
                    }
                    continue;
                }
                if (s == null) {
                    core.counters().recordsDropped.incrementAndGet();
                    continue; // no stream: the host is not there to read it
                }
                write(s, (record + '\0').getBytes(StandardCharsets.ISO_8859_1));
                lastWrite = System.nanoTime();
                core.counters().recordsOut.incrementAndGet();
            } catch (InterruptedException | InterruptedIOException e) {
                // close(): the loop condition decides
            } catch (IOException e) {
                if (running) {
                    core.counters().lastError = "write to " + opener.describe() + ": " + e.getMessage();
                    LOG.debug("bridge {}: {}", name, core.counters().lastError);
                    closeStreams(); // the reader notices and re-opens (and logs)
                }
            } catch (Throwable e) {
                core.counters().lastError = "stream writer error: " + e;
                LOG.error("bridge {}: stream writer error", name, e);
            }
        }
    }

    private void write(Streams s, byte[] bytes) throws IOException {
        OutputStream out = s.out();
        out.write(bytes);
        out.flush();
        core.counters().charsOut.addAndGet(bytes.length);
    }

    /** The idle rule: once per silence, only after the host sent something since the last restart. */
    private void checkIdle() {
        long idle = liveness.idleTimeoutMillis();
        if (idle <= 0 || current == null || !inputSinceRestart
                || System.nanoTime() - lastInputNanos < TimeUnit.MILLISECONDS.toNanos(idle)) {
            return;
        }
        inputSinceRestart = false;
        core.counters().lastError = "nothing from the host for " + idle + " ms; its session ended";
        LOG.warn("bridge {}: nothing from the host on {} for {} ms (not even its idle NULs); ending its session, "
                + "so the broker publishes its will", name, opener.describe(), idle);
        core.state("SILENT");
        core.restart("host silent");
    }

    private void closeStreams() {
        Streams s = current;
        current = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("bridge {}: closing the stream: {}", name, e.toString());
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // close(): the loop condition decides
        }
    }
}
