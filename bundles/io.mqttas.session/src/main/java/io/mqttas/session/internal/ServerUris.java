/* Issue 13 item 6: broker addresses as URLs — mqtt://, mqtts://, ws://, wss:// host[:port][/path] — beside plain host names. */
package io.mqttas.session.internal;

import io.mqttas.session.InvalidConfigException;
import io.mqttas.session.MqttConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one {@code server} or {@code servers} entry. A plain host name (no {@code ://}) stays what
 * it was: TCP, TLS when {@code ssl} is set, port from {@code port}. A URL names its transport by its
 * scheme; port and path are optional (defaults are filled in by {@link MqttConfig}). User
 * information in the URL is refused (credentials belong in {@code user}/{@code password}, where
 * they are never logged), and so is a fragment.
 */
public final class ServerUris {
    static final Set<String> SCHEMES = Set.of("mqtt", "mqtts", "ws", "wss");
    public static final String RANGE = "a host name, an IP address, or mqtt://, mqtts://, ws://, wss:// host[:port][/path]";

    private ServerUris() {
    }

    /** A path for logs: a query (it may carry a token or a signature) shown as {@code ?…}. */
    public static String redactQuery(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q) + "?…";
    }

    /** Whether {@code text} looks like a URL rather than a host name. */
    public static boolean isUrl(String text) {
        return text != null && text.contains("://");
    }

    /** Whether {@code text} is a valid {@code server} value. */
    public static boolean valid(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        if (!isUrl(text)) {
            return !text.contains("/") && text.trim().equals(text);
        }
        try {
            url("server", text);
            return true;
        } catch (InvalidConfigException e) {
            return false;
        }
    }

    /**
     * A URL entry: scheme, host, port (0 = the default of the scheme), path with query (null = none
     * given). Fails naming {@code key} and the value.
     */
    public static MqttConfig.Server url(String key, String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(key, text, RANGE + " (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new InvalidConfigException(key, text, RANGE + " (unknown scheme '" + scheme + "')");
        }
        if (u.getRawUserInfo() != null) {
            throw new InvalidConfigException(key, "(a URL with user information)", RANGE
                    + " without user:password@ (set user and password instead; they are never logged)");
        }
        if (u.getRawFragment() != null) {
            throw new InvalidConfigException(key, text, RANGE + " without a #fragment");
        }
        String host = u.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidConfigException(key, text, RANGE + " (no host)");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = u.getPort() < 0 ? 0 : u.getPort();
        if (port > 65_535) {
            throw new InvalidConfigException(key, text, RANGE + " with port 1..65535");
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? null : u.getRawPath();
        if (u.getRawQuery() != null) {
            path = (path == null ? "/" : path) + "?" + u.getRawQuery();
        }
        boolean ws = scheme.startsWith("ws");
        if (!ws && path != null && !path.equals("/")) {
            throw new InvalidConfigException(key, text, scheme + "://host[:port] (a path only with ws:// or wss://)");
        }
        return new MqttConfig.Server(host, port, scheme, ws ? path : null);
    }

    /** A {@code servers} entry: a URL, or host[:port] as before. */
    static MqttConfig.Server entry(String key, String text) {
        return isUrl(text) ? url(key, text) : ConfigMap.hostPort(key, text);
    }

    /** Whether the connection to {@code s} uses TLS ({@code ssl} decides for a plain host name). */
    public static boolean secure(MqttConfig.Server s, boolean ssl) {
        return s.scheme() == null ? ssl : s.scheme().equals("mqtts") || s.scheme().equals("wss");
    }

    /** The default port of a server without one: {@code port} if set, else the scheme's. */
    public static int defaultPort(MqttConfig.Server s, int port, boolean ssl) {
        if (port != 0) {
            return port;
        }
        if (s.scheme() == null) {
            return ssl ? 8883 : 1883;
        }
        return switch (s.scheme()) {
            case "mqtts" -> 8883;
            case "ws" -> 80;
            case "wss" -> 443;
            default -> 1883;
        };
    }
}
