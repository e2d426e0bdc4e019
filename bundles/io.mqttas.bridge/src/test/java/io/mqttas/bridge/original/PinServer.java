/*
 * Test part: the host's five SynCom pins for a host process (the Python model of the original host,
 * src/test/python), served over a loopback socket and wired to the gateway's simulated wires.
 * Protocol (machine.Pin stand-in in src/test/python/mpstubs/machine.py): 'r' code -> '0'/'1';
 * 'w' code '0'/'1'. Codes: C sckout, D stx, R reset (host outputs); c sckin, d srx, h the host's
 * own reset input (driven by the gateway's optional reset output).
 */
package io.mqttas.bridge.original;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import io.mqttas.bridge.internal.SimulatedWires;

final class PinServer implements AutoCloseable {
    /** A read of the clock that finds it unchanged waits this long for the bridge (spares the CPU). */
    private static final long CLOCK_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final ServerSocket server;
    private final SimulatedWires.HostPins pins;
    private final Thread thread;
    private volatile Socket current;
    private volatile boolean running = true;

    PinServer(SimulatedWires wires) throws IOException {
        this.pins = wires.hostPins();
        this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::acceptLoop, "test-pin-server");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (running) {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                current = s;
                serve(new BufferedInputStream(s.getInputStream()), new BufferedOutputStream(s.getOutputStream()));
            } catch (IOException | InterruptedException e) {
                // the host process went away (a reboot): wait for the next one
            } finally {
                current = null;
            }
        }
    }

    private void serve(InputStream in, OutputStream out) throws IOException, InterruptedException {
        boolean lastClock = false;
        while (true) {
            int op = in.read();
            int code = in.read();
            if (op < 0 || code < 0) {
                return;
            }
            if (op == 'r') {
                boolean v;
                switch (code) {
                    case 'c' -> {
                        v = pins.clockIn();
                        if (v == lastClock) {
                            pins.awaitInputChange(CLOCK_WAIT_NANOS);
                            v = pins.clockIn();
                        }
                        lastClock = v;
                    }
                    case 'd' -> v = pins.dataIn();
                    case 'h' -> v = pins.resetIn();
                    default -> throw new IOException("no input pin " + (char) code);
                }
                out.write(v ? '1' : '0');
                out.flush();
            } else if (op == 'w') {
                int level = in.read();
                if (level < 0) {
                    return;
                }
                boolean v = level == '1';
                switch (code) {
                    case 'C' -> pins.clockOut(v);
                    case 'D' -> pins.dataOut(v);
                    case 'R' -> pins.reset(v);
                    default -> throw new IOException("no output pin " + (char) code);
                }
            } else {
                throw new IOException("bad pin request " + op);
            }
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
        thread.join(2000);
    }
}
