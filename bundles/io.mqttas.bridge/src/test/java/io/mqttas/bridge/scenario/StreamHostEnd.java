/* Scenario tests: a host on a byte stream (records ended by NUL), reading on its own thread. */
package io.mqttas.bridge.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class StreamHostEnd implements HostEnd {
    private final InputStream in;
    private final OutputStream out;
    private final AutoCloseable closer;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    StreamHostEnd(InputStream in, OutputStream out, AutoCloseable closer) {
        this.in = in;
        this.out = out;
        this.closer = closer;
        this.reader = new Thread(this::read, "test-stream-host");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == 0) {
                    if (b.size() > 0) {
                        received.add(b.toString(StandardCharsets.ISO_8859_1));
                        b.reset();
                    }
                } else {
                    b.write(c);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public synchronized void send(String record) throws IOException {
        out.write((record + '\0').getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public String next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stream has no reset wire: the host just sends w/init again (the bridge restarts on those). */
    @Override
    public void restart() throws InterruptedException {
        while (next(Duration.ofMillis(50)) != null) {
            // drain
        }
    }

    @Override
    public void close() throws Exception {
        closer.close();
        io.mqttas.bridge.internal.Shutdown.stop(reader, Duration.ofSeconds(2),
                org.slf4j.LoggerFactory.getLogger(StreamHostEnd.class), "test");
    }
}
