/*
 * Runnable node simulator (docs/relay.md): speaks the UDP transport to a running gateway, like a
 * MicroPython node would. Usage:
 *   java -cp io.mqttas.relay.jar:gson.jar:... io.mqttas.relay.internal.sim.NodeSimulator \
 *        [--gateway 127.0.0.1:8266] [--mac 246f28aabbcc] COMMAND...
 * Commands: ping | chan | get | aget | sub TOPIC QOS | pub TOPIC PAYLOAD [RETAIN] [QOS] |
 *           demo COUNT PERIOD_MS (the synctx demo: ping, publish "Count n" to shed with qos 1, get)
 */
package io.mqttas.relay.internal.sim;

import io.mqttas.relay.internal.NodeId;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line front end of {@link UdpNode}. */
public final class NodeSimulator {
    private NodeSimulator() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs one command; returns the process exit code (0 ok, 1 no/negative answer, 2 usage). */
    public static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
        String gateway = "127.0.0.1:8266";
        String mac = "246f28aabbcc";
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (rest.size() >= 2 && rest.get(0).startsWith("--")) {
            String opt = rest.remove(0);
            String val = rest.remove(0);
            switch (opt) {
                case "--gateway" -> gateway = val;
                case "--mac" -> mac = val;
                default -> {
                    return usage(out, "unknown option " + opt);
                }
            }
        }
        if (rest.isEmpty()) {
            return usage(out, "no command");
        }
        int colon = gateway.lastIndexOf(':');
        if (colon < 0) {
            return usage(out, "--gateway must be host:port");
        }
        InetSocketAddress gw = new InetSocketAddress(gateway.substring(0, colon),
                Integer.parseInt(gateway.substring(colon + 1)));
        try (UdpNode node = new UdpNode(NodeId.parse(mac), gw)) {
            String cmd = rest.get(0);
            switch (cmd) {
                case "ping" -> {
                    return print(out, node.ping());
                }
                case "chan" -> {
                    Integer c = node.channel();
                    return print(out, c == null ? null : c.toString());
                }
                case "get" -> {
                    node.get().forEach(out::println);
                    return 0;
                }
                case "aget" -> {
                    node.aget().forEach(out::println);
                    return 0;
                }
                case "sub" -> {
                    if (rest.size() != 3) {
                        return usage(out, "sub TOPIC QOS");
                    }
                    node.subscribe(rest.get(1), Integer.parseInt(rest.get(2)));
                    out.println("sent");
                    return 0;
                }
                case "pub" -> {
                    if (rest.size() < 3 || rest.size() > 5) {
                        return usage(out, "pub TOPIC PAYLOAD [RETAIN] [QOS]");
                    }
                    boolean retain = rest.size() > 3 && Boolean.parseBoolean(rest.get(3));
                    int qos = rest.size() > 4 ? Integer.parseInt(rest.get(4)) : 0;
                    String r = node.publish(rest.get(1), rest.get(2), retain, qos);
                    print(out, r);
                    return "ACK".equals(r) || "NAK".equals(r) ? 0 : 1;
                }
                case "demo" -> {
                    int count = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 10;
                    long period = rest.size() > 2 ? Long.parseLong(rest.get(2)) : 3000;
                    for (int n = 0; n < count; n++) {
                        out.println("ping: " + node.ping());
                        out.println("pub: " + node.publish("shed", "Count " + n, false, 1));
                        node.get().forEach(m -> out.println("got: " + m));
                        Thread.sleep(period);
                    }
                    return 0;
                }
                default -> {
                    return usage(out, "unknown command " + cmd);
                }
            }
        }
    }

    private static int print(PrintStream out, String answer) {
        out.println(answer == null ? "(no reply within 200 ms)" : answer);
        return answer == null ? 1 : 0;
    }

    private static int usage(PrintStream out, String problem) {
        out.println(problem);
        out.println("usage: NodeSimulator [--gateway HOST:PORT] [--mac 12HEX] ping|chan|get|aget|"
                + "sub TOPIC QOS|pub TOPIC PAYLOAD [RETAIN] [QOS]|demo COUNT PERIOD_MS");
        return 2;
    }
}
