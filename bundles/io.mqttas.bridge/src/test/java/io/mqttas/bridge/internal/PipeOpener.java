/* Test helper: a stream link's "device" made of two OS pipes; each open() plugs in a fresh pair. */
package io.mqttas.bridge.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

public final class PipeOpener implements StreamLink.Opener {

    /** The host's ends of one pair. */
    public static final class HostEnd implements AutoCloseable {
        public final OutputStream toBridge;
        public final InputStream fromBridge;

        HostEnd(OutputStream toBridge, InputStream fromBridge) {
            this.toBridge = toBridge;
            this.fromBridge = fromBridge;
        }

        public void write(String record) throws IOException {
            toBridge.write((record + '\0').getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            toBridge.flush();
        }

        /** The next NUL-terminated record (blocking; the test's timeout guards it). */
        public String read() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                int c = fromBridge.read();
                if (c < 0) {
                    return null;
                }
                if (c == 0) {
                    if (b.size() > 0) {
                        return b.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                    }
                    continue;
                }
                b.write(c);
            }
        }

        @Override
        public void close() throws IOException {
            toBridge.close();
            fromBridge.close();
        }
    }

    final BlockingQueue<HostEnd> hostEnds = new LinkedBlockingQueue<>();

    public HostEnd nextHostEnd() throws InterruptedException {
        return hostEnds.poll(10, TimeUnit.SECONDS);
    }

    @Override
    public StreamLink.Streams open() throws IOException {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        hostEnds.add(new HostEnd(Channels.newOutputStream(in.sink()), Channels.newInputStream(out.source())));
        InputStream bridgeIn = Channels.newInputStream(in.source());
        OutputStream bridgeOut = Channels.newOutputStream(out.sink());
        return new StreamLink.Streams() {
            @Override
            public InputStream in() {
                return bridgeIn;
            }

            @Override
            public OutputStream out() {
                return bridgeOut;
            }

            @Override
            public void close() {
                try {
                    in.source().close();
                    out.sink().close();
                } catch (IOException e) {
                    // closing a pipe: nothing to do
                }
            }
        };
    }

    @Override
    public String describe() {
        return "pipe";
    }
}
