/*
 * Issue 13 item 6: proxies are ignored unless configured — websocket_proxy sends ws:// through an
 * HTTP CONNECT proxy; without it the client connects directly even when the JVM has a default
 * ProxySelector that would send everything to a proxy.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.testkit.FreePort;
import io.mqttas.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketProxyTest {

    @Test
    void websocketProxyTunnelsTheWebSocketAndNoProxyIsUsedOtherwise() throws Exception {
        ProxySelector saved = ProxySelector.getDefault();
        List<URI> askedDefault = new CopyOnWriteArrayList<>();
        try (MosquittoBroker b = MosquittoBroker.builder().websockets(true).start();
             ConnectProxy proxy = new ConnectProxy()) {
            ProxySelector.setDefault(new ProxySelector() { // a JVM-wide proxy setting the client must ignore
                @Override
                public List<Proxy> select(URI uri) {
                    askedDefault.add(uri);
                    return List.of(new Proxy(Proxy.Type.HTTP, new java.net.InetSocketAddress(FreePort.HOST, 1)));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                }
            });
            String url = "ws://" + b.host() + ":" + b.wsPort() + "/mqtt";
            try (MqttClient direct = MqttClient.create(Fast.config(url, 0, "wsp-direct").responseTime(5).build())) {
                direct.connect(true).get(10, TimeUnit.SECONDS);
                direct.publish("wsp/t", utf8("direct"), false, 1).get(5, TimeUnit.SECONDS);
            }
            assertTrue(askedDefault.isEmpty(), "the JVM's ProxySelector was not consulted: " + askedDefault);
            assertEquals(0, proxy.tunnels.size());
            try (MqttClient viaProxy = MqttClient.create(Fast.config(url, 0, "wsp-proxied").responseTime(5)
                    .websocketProxy(FreePort.HOST + ":" + proxy.port()).build())) {
                viaProxy.connect(true).get(10, TimeUnit.SECONDS);
                viaProxy.publish("wsp/t", utf8("through the proxy"), false, 1).get(5, TimeUnit.SECONDS);
            }
            assertEquals(List.of(b.host() + ":" + b.wsPort()), proxy.tunnels, "one CONNECT tunnel to the broker's ws listener");
        } finally {
            ProxySelector.setDefault(saved);
        }
    }

    /** A minimal HTTP CONNECT proxy (RFC 9110 §9.3.6): one tunnel per connection, two pump threads. */
    private static final class ConnectProxy implements AutoCloseable {
        final List<String> tunnels = new CopyOnWriteArrayList<>();
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName(FreePort.HOST));
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "test-connect-proxy");

        ConnectProxy() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    open.add(client);
                    String head = WsTestHttp.readHead(client.getInputStream());
                    String[] line = head.split("\r\n")[0].split(" ");
                    if (line.length < 2 || !line[0].equals("CONNECT")) {
                        client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        client.close();
                        continue;
                    }
                    tunnels.add(line[1]);
                    int colon = line[1].lastIndexOf(':');
                    Socket target = new Socket(line[1].substring(0, colon), Integer.parseInt(line[1].substring(colon + 1)));
                    open.add(target);
                    client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    pump(client.getInputStream(), target.getOutputStream());
                    pump(target.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private static void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                try {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "test-connect-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : open) {
                s.close();
            }
            acceptor.join(5000);
        }
    }
}
