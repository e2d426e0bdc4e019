/*
 * Issue 5 item 2: the bridge's application protocol over a byte stream (UART or any
 * InputStream/OutputStream pair), framed as on SynCom (spec §3.5): records end with a NUL byte,
 * fields are separated by DEL (127).
 */
package io.mqttas.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream link: a reader thread ({@code mqttas-bridge-rx-NAME}) turns bytes into records, a
 * writer thread ({@code mqttas-bridge-tx-NAME}) writes queued records, so a slow or stuck peer
 * never blocks the protocol. A stream has no reset wire: the host starts a new session by sending
 * {@code w} or {@code init} again (the protocol restarts on those), and the link also restarts
 * when the stream is re-opened after an I/O error or end of stream ({@link Opener}).
 */
public final class StreamLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLink.class);

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

    private final String name;
    private final Opener opener;
    private final long reopenDelayMillis;
    private final LinkCounters counters = new LinkCounters();
    private final OutboundQueue outbound;
    private final RecordAssembler assembler;
    private volatile Events events;
    private volatile boolean running;
    private volatile Streams current;
    private volatile String state = "NEW";
    private Thread reader;
    private Thread writer;

    public StreamLink(String name, Opener opener, int maxMessageLength, int txQueueLength, long reopenDelayMillis) {
        this.name = name;
        this.opener = opener;
        this.reopenDelayMillis = reopenDelayMillis;
        this.outbound = new OutboundQueue(name, txQueueLength, counters);
        this.assembler = new RecordAssembler(name, maxMessageLength, this::deliver, counters);
    }

    @Override
    public synchronized void start(Events events) {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        this.events = events;
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
        return outbound.offer(record, droppable);
    }

    @Override
    public String describe() {
        return "stream " + opener.describe();
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public LinkCounters counters() {
        return counters;
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
        for (Thread t : new Thread[] {r, w}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (t.isAlive()) {
                    LOG.warn("bridge {}: thread {} did not stop within 2 s", name, t.getName());
                }
            }
        }
        state = "CLOSED";
    }

    private void readLoop() {
        while (running) {
            Streams s;
            try {
                s = opener.open();
            } catch (IOException | RuntimeException e) {
                counters.lastError = "cannot open " + opener.describe() + ": " + e.getMessage();
                LOG.warn("bridge {}: {}; retrying in {} ms", name, counters.lastError, reopenDelayMillis);
                sleep(reopenDelayMillis);
                continue;
            }
            current = s;
            restart("stream opened");
            state = "OPEN";
            LOG.info("bridge {}: stream link open on {}", name, opener.describe());
            try {
                InputStream in = s.in();
                byte[] buf = new byte[512];
                while (running) {
                    int n = in.read(buf);
                    if (n < 0) {
                        throw new IOException("end of stream");
                    }
                    for (int i = 0; i < n; i++) {
                        assembler.accept(buf[i] & 0xFF);
                    }
                }
            } catch (InterruptedIOException e) {
                // close() or a re-open: the loop condition decides
            } catch (IOException e) {
                if (running) {
                    counters.lastError = "stream " + opener.describe() + ": " + e.getMessage();
                    LOG.warn("bridge {}: {}; re-opening in {} ms", name, counters.lastError, reopenDelayMillis);
                }
            } catch (Throwable e) { // never let the reader die silently
                counters.lastError = "stream reader error: " + e;
                LOG.error("bridge {}: stream reader error; re-opening", name, e);
            }
            closeStreams();
            state = "CLOSED";
            if (running) {
                sleep(reopenDelayMillis);
            }
        }
    }

    private void writeLoop() {
        while (running) {
            try {
                String record = outbound.poll(200, TimeUnit.MILLISECONDS);
                Streams s = current;
                if (record == null) {
                    continue;
                }
                if (s == null) {
                    counters.recordsDropped.incrementAndGet();
                    continue; // no stream: the host is not there to read it
                }
                byte[] bytes = (record + '\0').getBytes(StandardCharsets.ISO_8859_1);
                OutputStream out = s.out();
                out.write(bytes);
                out.flush();
                counters.charsOut.addAndGet(bytes.length);
                counters.recordsOut.incrementAndGet();
            } catch (InterruptedException | InterruptedIOException e) {
                // close(): the loop condition decides
            } catch (IOException e) {
                if (running) {
                    counters.lastError = "write to " + opener.describe() + ": " + e.getMessage();
                    LOG.warn("bridge {}: {}", name, counters.lastError);
                    closeStreams(); // the reader notices and re-opens
                }
            } catch (Throwable e) {
                counters.lastError = "stream writer error: " + e;
                LOG.error("bridge {}: stream writer error", name, e);
            }
        }
    }

    private void restart(String reason) {
        assembler.clear();
        outbound.clear();
        counters.restarts.incrementAndGet();
        Events e = events;
        if (e != null) {
            try {
                e.onRestart(reason);
            } catch (RuntimeException ex) {
                LOG.error("bridge {}: restart handler failed", name, ex);
            }
        }
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

    private void deliver(String record) {
        Events e = events;
        if (e != null) {
            e.onRecord(record);
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
