/* Issue 13 item 6: one client's transports — TCP, TLS, ws, wss — picked per server by its scheme; nothing on the TCP data path changes. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The transport factory of a real client: a plain host name goes to TCP (TLS with {@code ssl}),
 * {@code mqtt://}/{@code mqtts://} to TCP/TLS, {@code ws://}/{@code wss://} to the JDK WebSocket
 * client. Only the factories the configured servers need are built. {@link #close()} gives back the
 * shared WebSocket clients (the session calls it when the client closes).
 */
final class Transports implements Transport.Factory, AutoCloseable {
    private final Transport.Factory tcp;
    private final Transport.Factory tls;
    private final WebSocketTransports ws;
    private final WebSocketTransports wss;
    private final boolean ssl;

    private Transports(boolean ssl, Transport.Factory tcp, Transport.Factory tls, WebSocketTransports ws, WebSocketTransports wss) {
        this.ssl = ssl;
        this.tcp = tcp;
        this.tls = tls;
        this.ws = ws;
        this.wss = wss;
    }

    /** The factories {@code config}'s servers need, on {@code loop} with the runtime's timer and pools. */
    static Transports of(MqttConfig config, IoLoop loop, SharedRuntime.Handle rt) {
        boolean needTcp = false;
        boolean needTls = false;
        boolean needWs = false;
        boolean needWss = false;
        for (MqttConfig.Server s : config.servers()) {
            boolean secure = ServerUris.secure(s, config.ssl());
            if (s.webSocket()) {
                needWss |= secure;
                needWs |= !secure;
            } else {
                needTls |= secure;
                needTcp |= !secure;
            }
        }
        if (needWss) {
            WebSocketTls.check(config);
        }
        Transport.Factory tcp = needTcp ? new NioTransports(loop, rt.work(), rt.timer(), NioTransports.JDK_RESOLVER, null,
                config.socketSendBuffer()) : null;
        Transport.Factory tls = needTls ? new NioTransports(loop, rt.work(), rt.timer(), NioTransports.JDK_RESOLVER,
                new TlsContext(config), config.socketSendBuffer()) : null;
        List<WebSocketClients.Lease> leases = new ArrayList<>();
        try {
            WebSocketTransports ws = null;
            WebSocketTransports wss = null;
            if (needWs) {
                WebSocketClients.Lease l = WebSocketClients.acquire(new WebSocketClients.Key(config.websocketProxy(), false, null, null),
                        null, rt.completions());
                leases.add(l);
                ws = new WebSocketTransports(loop, rt.work(), rt.timer(), l, false);
            }
            if (needWss) {
                List<Object> managers = new ArrayList<>();
                addAll(managers, config.tlsKeyManagers());
                managers.add("|");
                addAll(managers, config.tlsTrustManagers());
                WebSocketClients.Lease l = WebSocketClients.acquire(new WebSocketClients.Key(config.websocketProxy(), true,
                        config.sslParams(), managers), () -> WebSocketTls.context(config), rt.completions());
                leases.add(l);
                wss = new WebSocketTransports(loop, rt.work(), rt.timer(), l, true);
            }
            return new Transports(config.ssl(), tcp, tls, ws, wss);
        } catch (RuntimeException | Error e) {
            leases.forEach(WebSocketClients.Lease::close);
            throw e;
        }
    }

    private static void addAll(List<Object> out, Object[] a) {
        if (a != null) {
            out.addAll(List.of(a));
        }
    }

    @Override
    public Transport.Attempt open(String host, int port, long timeoutMillis, Transport.Callback callback) {
        return open(new MqttConfig.Server(host, port), timeoutMillis, callback);
    }

    @Override
    public Transport.Attempt open(MqttConfig.Server server, long timeoutMillis, Transport.Callback callback) {
        boolean secure = ServerUris.secure(server, ssl);
        if (server.webSocket()) {
            return (secure ? wss : ws).open(server, timeoutMillis, callback);
        }
        return (secure ? tls : tcp).open(server.host(), server.port(), timeoutMillis, callback);
    }

    @Override
    public void close() {
        if (ws != null) {
            ws.close();
        }
        if (wss != null) {
            wss.close();
        }
    }
}
