/*
 * docs/relay-modem.md "Events": the reading side of one open modem port. Bytes are decoded
 * (ModemFrame.Decoder resynchronises after noise, and drops a false start when the line goes
 * quiet: the port's reads time out every 200 ms); RESULTs complete their requests at once, node
 * frames and control events go to the bounded event queue. Returns when the port fails or ends,
 * with the cause, so its owner can reopen it. A frame the protocol does not allow is logged and
 * dropped; it never ends the reader.
 */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one connection until it fails. */
final class ModemReader {
    private static final Logger LOG = LoggerFactory.getLogger(ModemReader.class);

    /** Told of every valid frame: true when it carried a node's frame. */
    @FunctionalInterface
    interface Seen {
        void frame(boolean fromNode);
    }

    private ModemReader() {
    }

    static IOException read(ModemConnection c, ModemEvents events, Seen seen, BooleanSupplier closed) {
        ModemFrame.Decoder decoder = new ModemFrame.Decoder();
        byte[] buf = new byte[1024];
        while (!closed.getAsBoolean()) {
            int n;
            try {
                n = c.port().in().read(buf);
            } catch (InterruptedIOException e) {
                if (c.failed()) {
                    return c.failure();
                }
                // a read timeout (jSerialComm semi-blocking mode): the line is quiet
                decoder.idle(f -> accept(c, events, seen, f));
                continue;
            } catch (IOException e) {
                return c.failed() ? c.failure() : e;
            } catch (RuntimeException e) {
                return new IOException(e.toString(), e);
            }
            if (c.failed()) {
                return c.failure(); // abandoned (heartbeats unanswered, or closing)
            }
            if (n < 0) {
                return new IOException("end of stream (port closed)");
            }
            decoder.feed(buf, 0, n, f -> {
                try {
                    accept(c, events, seen, f);
                } catch (RuntimeException e) {
                    LOG.warn("relay modem frame {} not handled: {}", f, e.toString());
                }
            });
        }
        return new IOException("closed");
    }

    private static void accept(ModemConnection c, ModemEvents events, Seen seen, ModemFrame f) {
        byte[] p = f.payload();
        switch (f.type()) {
            case ModemFrame.RESULT -> {
                if (p.length >= 2) {
                    seen.frame(false);
                    c.complete(p[0] & 0xff, new ModemConnection.Result(p[1] & 0xff, Arrays.copyOfRange(p, 2, p.length)));
                }
            }
            case ModemFrame.RECV -> {
                if (p.length > NodeId.LENGTH) {
                    seen.frame(true);
                    events.offerFrame(new ModemEvents.Frame(NodeId.of(p, 0),
                            Arrays.copyOfRange(p, NodeId.LENGTH, p.length)));
                }
            }
            case ModemFrame.HELLO -> {
                seen.frame(false);
                try {
                    events.offerControl(new ModemEvents.Hello(ModemHello.parse(p), c));
                } catch (MalformedModemFrameException e) {
                    LOG.warn("relay modem: HELLO ignored: {}", e.getMessage());
                }
            }
            case ModemFrame.CHANNEL -> {
                if (p.length == 1 && (p[0] & 0xff) <= 14) {
                    seen.frame(false);
                    events.offerControl(new ModemEvents.Channel(p[0] & 0xff));
                }
            }
            case ModemFrame.LOG -> {
                if (p.length >= 1) {
                    seen.frame(false);
                    String text = FrameParser.show(new String(p, 1, Math.min(p.length - 1, 200), StandardCharsets.US_ASCII));
                    events.offerControl(new ModemEvents.Log(p[0] & 0xff, text));
                }
            }
            default -> LOG.debug("relay modem: ignoring {}", f);
        }
    }
}
