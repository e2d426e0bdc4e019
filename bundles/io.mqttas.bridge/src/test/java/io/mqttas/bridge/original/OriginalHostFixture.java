/*
 * Test fixture: Mosquitto, the gateway's bridge (real session client), and a host board played by
 * the Python model of the original host driver, over the original's five wires (simulated, served
 * to the host process by PinServer) or over a pseudo-terminal pair (socat) with the product's
 * UART module. Needs python3 (and socat for the serial transport); scripts/setup-os.sh installs
 * both; without them the tests are reported as skipped.
 */
package io.mqttas.bridge.original;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mqttas.bridge.internal.BridgeProtocol;
import io.mqttas.bridge.internal.BridgeRuntime;
import io.mqttas.bridge.internal.ClientProvider;
import io.mqttas.bridge.internal.Link;
import io.mqttas.bridge.internal.SerialPortOpener;
import io.mqttas.bridge.internal.SimulatedWires;
import io.mqttas.bridge.internal.StreamLink;
import io.mqttas.bridge.internal.SynComLink;
import io.mqttas.bridge.internal.TimeSource;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttSubscriber;

final class OriginalHostFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final MosquittoBroker broker;
    final List<AutoCloseable> closeLast = new ArrayList<>();
    final List<PythonHost> hosts = new ArrayList<>();
    SimulatedWires wires;
    PinServer pinServer;
    Link link;
    BridgeRuntime bridge;
    Path dir;
    Path bridgeSide;
    Path hostSide;
    Process socat;

    OriginalHostFixture() {
        assumeTrue(PythonHost.pythonInstalled(), "python3 not installed: run scripts/setup-os.sh");
        broker = MosquittoBroker.start();
    }

    static String options(String name) {
        return name + "-" + ProcessHandle.current().pid();
    }

    static BridgeProtocol.Options options(String name, int maxLength, Duration backoff, Duration backoffMax,
            TimeSource time) {
        return new BridgeProtocol.Options(options(name), maxLength, 64, Duration.ofSeconds(10), Clock.systemUTC(),
                backoff, backoffMax, time);
    }

    /** The five simulated wires (with the optional reset output if asked) and their pin server. */
    SimulatedWires syncomWires(boolean resetOut) throws Exception {
        wires = new SimulatedWires(resetOut);
        pinServer = new PinServer(wires);
        return wires;
    }

    /** Starts the bridge on the SynCom wires. */
    BridgeRuntime startSyncomBridge(String name, BridgeProtocol.Options o) {
        link = new SynComLink(name, wires.bridgePins(), o.maxMessageLength(), 64, 5000, 50);
        bridge = new BridgeRuntime(name, link, ClientProvider.own(), o).start();
        return bridge;
    }

    /** A pty pair whose bridge end is a stable name like /dev/serial/by-id/… (socat). */
    void serialPair() throws Exception {
        assumeTrue(io.mqttas.bridge.internal.SerialReplugTestAccess.socatInstalled(),
                "socat not installed: run scripts/setup-os.sh");
        dir = Files.createTempDirectory("bridge-host");
        bridgeSide = dir.resolve("serial/by-id/usb-mqttas_pico-if00");
        Files.createDirectories(bridgeSide.getParent());
        hostSide = dir.resolve("host-uart");
        plugIn();
    }

    /** (Re)creates the pty pair under the same names. */
    void plugIn() throws Exception {
        socat = io.mqttas.bridge.internal.SerialReplugTestAccess.socat(bridgeSide, hostSide);
    }

    /** Removes the pty pair (the USB adapter is unplugged). */
    void unplug() throws Exception {
        io.mqttas.bridge.internal.SerialReplugTestAccess.kill(socat);
        socat = null;
    }

    BridgeRuntime startSerialBridge(String name, BridgeProtocol.Options o, StreamLink.Liveness liveness) {
        link = new StreamLink(name, new SerialPortOpener(bridgeSide.toString(), 115200), o.maxMessageLength(), 64,
                liveness);
        bridge = new BridgeRuntime(name, link, ClientProvider.own(), o).start();
        return bridge;
    }

    /** A host board: the model of the original driver with {@code config} (JSON members, no braces). */
    PythonHost host(String transport, String config, String will) throws Exception {
        String json = "{\"ssid\": \"myssid\", \"password\": \"pw\", \"broker\": \"127.0.0.1\", \"port\": "
                + broker.port() + ", " + config + "}";
        Map<String, String> env = transport.equals("uart") ? Map.of("MQTTAS_UART", hostSide.toRealPath().toString())
                : Map.of("MQTTAS_PINS", pinServer.address());
        PythonHost h = new PythonHost(transport, env, json, will);
        hosts.add(h);
        return h;
    }

    MqttSubscriber subscribe(String filter) {
        MqttSubscriber s = MqttSubscriber.start(broker, filter, 1);
        closeLast.add(s);
        return s;
    }

    @Override
    public void close() throws Exception {
        try {
            for (PythonHost h : hosts) {
                h.close();
            }
            if (bridge != null) {
                bridge.close();
            }
            if (pinServer != null) {
                pinServer.close();
            }
            for (AutoCloseable c : closeLast) {
                c.close();
            }
            if (socat != null) {
                unplug();
            }
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } finally {
            broker.close();
        }
    }

    static void sleep(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }
}
