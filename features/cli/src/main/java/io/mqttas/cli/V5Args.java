/* Issue 13 item 7: mosquitto_pub/mosquitto_sub's MQTT 5.0 flags (-V, -x, -D), -L url and -F format. */
package io.mqttas.cli;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttProperty;
import io.mqttas.codec.PacketType;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flags mosquitto's tools take for MQTT 5.0, with their names and errors:
 * <ul>
 * <li>{@code -V 5|mqttv5|311|mqttv311} (3.1 is not spoken: "Invalid protocol version argument given.");</li>
 * <li>{@code -x <seconds>}: Session Expiry Interval (-1 = never expires), MQTT 5.0 only (ignored in 3.1.1, as mosquitto);</li>
 * <li>{@code -D <command> <property> <value>} (User Property: {@code -D publish user-property key value}),
 * mosquitto's property names ({@code message-expiry-interval}, {@code content-type}, …), commands
 * {@code connect}, {@code publish}, {@code subscribe}, {@code unsubscribe}, {@code will}; a property
 * the packet cannot carry is refused as mosquitto refuses it; MQTT 5.0 only;</li>
 * <li>{@code -L mqtt(s)|ws(s)://[user[:password]@]host[:port]/topic}: server, port, TLS, credentials and
 * topic in one; a ws/wss URL is passed to the client as its {@code server} (the WebSocket transport
 * takes it);</li>
 * <li>{@code -F format} for {@code sub} ({@link OutputFormat}).</li>
 * </ul>
 */
final class V5Args {
    Boolean mqttv5;
    String format;
    private String sessionExpiry;
    private final List<String[]> connect = new ArrayList<>();
    private final List<String[]> will = new ArrayList<>();
    final MqttProperties.Builder publish = MqttProperties.builder();
    final MqttProperties.Builder subscribe = MqttProperties.builder();
    final MqttProperties.Builder unsubscribe = MqttProperties.builder();
    private boolean anyPublish;
    private boolean anySubscribe;
    private boolean anyUnsubscribe;

    void version(String v) throws ClientArgs.BadArgs {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "5", "mqttv5" -> mqttv5 = true;
            case "311", "mqttv311" -> mqttv5 = false;
            default -> throw new ClientArgs.BadArgs("Invalid protocol version argument given.");
        }
    }

    boolean isV5() {
        return Boolean.TRUE.equals(mqttv5);
    }

    void sessionExpiry(String v) throws ClientArgs.BadArgs {
        try {
            long s = Long.parseLong(v);
            if (s < -1 || s > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            sessionExpiry = Long.toString(s == -1 ? 0xFFFF_FFFFL : s);
        } catch (NumberFormatException e) {
            throw new ClientArgs.BadArgs("Invalid session expiry interval given: " + v);
        }
    }

    static boolean isUserProperty(String name) {
        return name.equalsIgnoreCase("user-property") || name.equalsIgnoreCase("user_property");
    }

    void property(String command, String name, String value, String second) throws ClientArgs.BadArgs {
        PacketType packet = switch (command.toLowerCase(Locale.ROOT)) {
            case "connect", "will" -> PacketType.CONNECT;
            case "publish" -> PacketType.PUBLISH;
            case "subscribe" -> PacketType.SUBSCRIBE;
            case "unsubscribe" -> PacketType.UNSUBSCRIBE;
            default -> throw new ClientArgs.BadArgs("Invalid command " + command + " given in --property argument.");
        };
        MqttProperty p;
        try {
            p = MqttProperty.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ClientArgs.BadArgs("Invalid property name given in --property argument.");
        }
        boolean isWill = command.equalsIgnoreCase("will");
        if (isWill ? !p.allowedInWill() : !p.allowedIn(packet)) {
            throw new ClientArgs.BadArgs(name + " property not allowed for " + command + " in --property argument.");
        }
        try {
            switch (packet) {
                case CONNECT -> (isWill ? will : connect).add(new String[] {name, value, second});
                case PUBLISH -> {
                    set(publish, p, value, second);
                    anyPublish = true;
                }
                case SUBSCRIBE -> {
                    set(subscribe, p, value, second);
                    anySubscribe = true;
                }
                default -> {
                    set(unsubscribe, p, value, second);
                    anyUnsubscribe = true;
                }
            }
        } catch (RuntimeException e) {
            throw new ClientArgs.BadArgs("Invalid " + name + " value given in --property argument: " + e.getMessage());
        }
    }

    private static void set(MqttProperties.Builder b, MqttProperty p, String value, String second) {
        if (p == MqttProperty.USER_PROPERTY) {
            b.userProperty(value, second);
        } else if (p.type() == MqttProperty.Type.BINARY_DATA) {
            b.set(p, value.getBytes(StandardCharsets.UTF_8));
        } else {
            b.set(p, value);
        }
    }

    /** {@code -L}: the URL's parts become config keys and the topic. */
    void url(String url, Map<String, Object> config, List<String> topics) throws ClientArgs.BadArgs {
        URI u;
        try {
            u = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new ClientArgs.BadArgs("Unsupported URL scheme.");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("mqtt", "mqtts", "ws", "wss").contains(scheme) || u.getHost() == null) {
            throw new ClientArgs.BadArgs("Unsupported URL scheme.");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (path.length() <= 1) {
            throw new ClientArgs.BadArgs("Invalid URL for -L argument specified - topic missing.");
        }
        if (u.getRawUserInfo() != null) {
            String[] up = u.getRawUserInfo().split(":", 2);
            config.put("user", URLDecoder.decode(up[0], StandardCharsets.UTF_8));
            if (up.length > 1) {
                config.put("password", URLDecoder.decode(up[1], StandardCharsets.UTF_8));
            }
        }
        boolean tls = scheme.equals("mqtts") || scheme.equals("wss");
        if (tls) {
            config.put("ssl", true);
        }
        if (scheme.startsWith("ws")) {
            // the WebSocket transport takes the URI as server (its path is websocket_path); the URL's path is the topic
            config.put("server", scheme + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
        } else {
            config.put("server", u.getHost());
            if (u.getPort() > 0) {
                config.put("port", u.getPort());
            }
        }
        topics.add(URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8));
    }

    /** The connect-side flags as config keys (MQTT 5.0 only; in 3.1.1 ignored, as mosquitto does). */
    void applyTo(Map<String, Object> config) {
        if (!isV5()) {
            return;
        }
        config.put("mqttv5", true);
        if (sessionExpiry != null) {
            config.put("mqttv5_con_props.session_expiry_interval", sessionExpiry);
        }
        put(config, "mqttv5_con_props.", connect);
        put(config, "mqttv5_will_props.", will);
    }

    private static void put(Map<String, Object> config, String prefix, List<String[]> props) {
        for (String[] p : props) {
            String name = p[0].toLowerCase(Locale.ROOT).replace('-', '_');
            config.put(isUserProperty(p[0]) ? prefix + "user_property." + p[1] : prefix + name, isUserProperty(p[0]) ? p[2] : p[1]);
        }
    }

    /** PUBLISH properties given with -D (EMPTY unless MQTT 5.0). */
    MqttProperties publishProperties() {
        return isV5() && anyPublish ? publish.build() : MqttProperties.EMPTY;
    }

    MqttProperties subscribeProperties() {
        return isV5() && anySubscribe ? subscribe.build() : MqttProperties.EMPTY;
    }

    MqttProperties unsubscribeProperties() {
        return isV5() && anyUnsubscribe ? unsubscribe.build() : MqttProperties.EMPTY;
    }
}
