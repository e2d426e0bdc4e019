/* spec/mqtt_as.md §2, DESIGN.md §5, §7 and issue 9 items 6, 7, 9, 13, 15: the table of every configuration key. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttEncoder;
import io.mqttas.session.ConnectListener;
import io.mqttas.session.LinkListener;
import io.mqttas.session.LinkMonitor;
import io.mqttas.session.MessageListener;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttEventListener;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Every key of the client's configuration, once: the builder's setters, {@code MqttConfig.fromMap}
 * and the metatype (checked by {@code ConfigRulesMetatypeTest}) all use this table. Keys with a
 * special form in a map (servers, password, will, ssl_params, the code-only listeners) have their
 * parser here too; {@link ConfigMap} adds only the framework-property filtering.
 */
public final class ConfigRules {
    private ConfigRules() {
    }

    private static final List<ConfigRule<?>> ALL = new ArrayList<>();
    private static final Map<String, ConfigRule<?>> BY_KEY = new LinkedHashMap<>();

    private static <T> ConfigRule<T> rule(String key, Class<T> type, T dflt, Predicate<T> check, String range,
            BiFunction<String, Object, T> parser, String min, String max, String description) {
        ConfigRule<T> r = new ConfigRule<>(ALL.size(), key, type, dflt, check, range, description, parser, min, max);
        ALL.add(r);
        BY_KEY.put(key, r);
        return r;
    }

    private static ConfigRule<Integer> integer(String key, int dflt, int min, int max, String description) {
        return rule(key, Integer.class, dflt, v -> v >= min && v <= max, min + ".." + max, ConfigMap::integer,
                String.valueOf(min), String.valueOf(max), description);
    }

    private static ConfigRule<Long> longValue(String key, long dflt, long min, long max, String description) {
        return rule(key, Long.class, dflt, v -> v >= min && v <= max, min + ".." + max, ConfigMap::longValue,
                String.valueOf(min), String.valueOf(max), description);
    }

    private static ConfigRule<Double> seconds(String key, double dflt, double min, double max, String description) {
        return rule(key, Double.class, dflt, v -> Double.isFinite(v) && v >= min && v <= max, min + ".." + max + " seconds",
                ConfigMap::number, trim(min), trim(max), description);
    }

    private static ConfigRule<Boolean> bool(String key, boolean dflt, String description) {
        return rule(key, Boolean.class, dflt, v -> true, "true or false", ConfigMap::bool, null, null, description);
    }

    private static ConfigRule<String> text(String key, String dflt, int maxBytes, String description) {
        return rule(key, String.class, dflt, v -> v == null || v.getBytes(StandardCharsets.UTF_8).length <= maxBytes,
                "a string of at most " + maxBytes + " UTF-8 bytes", (k, v) -> v == null ? null : ConfigMap.str(k, v), null, null, description);
    }

    private static <T> ConfigRule<T> code(String key, Class<T> type, T dflt, String description) {
        return rule(key, type, dflt, v -> true, "an instance of " + type.getName() + " (code only)", (k, v) -> ConfigMap.code(k, v, type),
                null, null, description);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    @SuppressWarnings("unchecked")
    private static final Class<List<MqttConfig.Server>> SERVER_LIST = (Class<List<MqttConfig.Server>>) (Class<?>) List.class;
    @SuppressWarnings("unchecked")
    private static final Class<Map<String, String>> STRING_MAP = (Class<Map<String, String>>) (Class<?>) Map.class;

    // ---- the original's dict keys (spec §2) ----
    public static final ConfigRule<String> CLIENT_ID = text("client_id", null, 65_535,
            "MQTT client identifier; default mqttas-<16 hex digits of machine id and configuration name>");
    public static final ConfigRule<String> SERVER = rule("server", String.class, null, v -> v == null || ServerUris.valid(v),
            ServerUris.RANGE, (k, v) -> ConfigMap.str(k, v).trim(), null, null,
            "broker host (or a mqtt/mqtts/ws/wss URL), resolved again on every attempt");
    public static final ConfigRule<List<MqttConfig.Server>> SERVERS = rule("servers", SERVER_LIST, List.of(),
            v -> v.stream().allMatch(s -> s != null && !s.host().isBlank() && s.port() >= 0 && s.port() <= 65_535),
            "host[:port] or URL entries with port 0..65535", ConfigMap::servers, null, null, "further brokers for fail-over");
    public static final ConfigRule<Integer> PORT = integer("port", 0, 0, 65_535, "broker port; 0 = 1883, or 8883 with ssl");
    public static final ConfigRule<String> USER = text("user", "", 65_535, "user name; empty = no credentials");
    public static final ConfigRule<byte[]> PASSWORD = rule("password", byte[].class, new byte[0], v -> v.length <= 65_535,
            "at most 65535 bytes", ConfigMap::password, null, null, "password, sent only with a user");
    public static final ConfigRule<Integer> KEEPALIVE = integer("keepalive", MqttConfig.DEFAULT_KEEPALIVE, 0, 65_535,
            "keep-alive seconds in CONNECT; the ping interval is a quarter of it");
    public static final ConfigRule<Double> PING_INTERVAL = seconds("ping_interval", 0, 0, 65_535,
            "a shorter ping interval, used when non-zero and shorter than keepalive/4");
    public static final ConfigRule<Boolean> SSL = bool("ssl", false, "TLS");
    public static final ConfigRule<Map<String, String>> SSL_PARAMS = rule("ssl_params", STRING_MAP, Map.of(), v -> true,
            "a map of ssl parameters", ConfigMap::sslParams, null, null, "TLS parameters (flattened as ssl_params.<name>)");
    public static final ConfigRule<Double> RESPONSE_TIME = rule("response_time", Double.class, MqttConfig.DEFAULT_RESPONSE_TIME,
            v -> Double.isFinite(v) && v > 0 && v <= 3600, "more than 0 and at most 3600 seconds", ConfigMap::number, "0.001", "3600",
            "the one timeout: connect, CONNACK, acknowledgements, PINGRESP, stalled writes");
    public static final ConfigRule<Boolean> CLEAN_INIT = bool("clean_init", true, "clean session on the first connection");
    public static final ConfigRule<Boolean> CLEAN = bool("clean", true, "clean session on every reconnection");
    public static final ConfigRule<Integer> MAX_REPUBS = integer("max_repubs", MqttConfig.DEFAULT_MAX_REPUBS, 0, 1000,
            "DUP re-sends of an unacknowledged QoS 1 publication on one connection");
    public static final ConfigRule<MqttConfig.Will> WILL = rule("will", MqttConfig.Will.class, null, v -> true,
            "{topic, msg, retain, qos}", ConfigMap::will, null, null, "last will");
    public static final ConfigRule<MessageListener> SUBS_CB = code("subs_cb", MessageListener.class, null, "message callback");
    public static final ConfigRule<LinkListener> WIFI_CORO = code("wifi_coro", LinkListener.class, null, "link up/down callback");
    public static final ConfigRule<ConnectListener> CONNECT_CORO = code("connect_coro", ConnectListener.class, null, "runs after every connect");
    public static final ConfigRule<String> SSID = text("ssid", null, Integer.MAX_VALUE, "accepted for compatibility, unused");
    public static final ConfigRule<String> WIFI_PW = text("wifi_pw", null, Integer.MAX_VALUE, "accepted for compatibility, unused");
    public static final ConfigRule<Integer> QUEUE_LEN = integer("queue_len", 0, 0, 1_000_000,
            "0 = callback interface, N = event interface with a queue of N messages");
    public static final ConfigRule<Boolean> GATEWAY = bool("gateway", false, "accepted for compatibility, no effect");
    public static final ConfigRule<Boolean> MQTTV5 = bool("mqttv5", false, "MQTT 5.0 instead of 3.1.1");
    // ---- MQTT 5.0 and QoS 2 (issue 13): one block, so merges with other branches stay small ----
    public static final ConfigRule<io.mqttas.codec.MqttProperties> MQTTV5_CON_PROPS = rule("mqttv5_con_props",
            io.mqttas.codec.MqttProperties.class, io.mqttas.codec.MqttProperties.EMPTY, PropertyKeys::allowedInConnect,
            "MQTT 5.0 CONNECT properties (mqttv5_con_props.<name-or-id>=value)", PropertyKeys::parse, null, null,
            "properties of CONNECT (session_expiry_interval, receive_maximum, user_property.<name> …)");
    public static final ConfigRule<io.mqttas.codec.MqttProperties> MQTTV5_WILL_PROPS = rule("mqttv5_will_props",
            io.mqttas.codec.MqttProperties.class, io.mqttas.codec.MqttProperties.EMPTY, PropertyKeys::allowedInWill,
            "MQTT 5.0 will properties (mqttv5_will_props.<name-or-id>=value)", PropertyKeys::parse, null, null,
            "properties of the will (will_delay_interval, message_expiry_interval, content_type …)");
    public static final ConfigRule<io.mqttas.session.MessageHandler> MESSAGE_HANDLER = code("message_handler",
            io.mqttas.session.MessageHandler.class, null, "subs_cb with the message's MQTT 5.0 properties (callback interface, if no subs_cb)");
    // ---- our keys (DESIGN §7, issue 9) ----
    public static final ConfigRule<LinkMonitor> LINK_MONITOR = code("link_monitor", LinkMonitor.class, LinkMonitor.ALWAYS_UP,
            "the network link under the client");
    public static final ConfigRule<MqttEventListener> EVENT_LISTENER = code("event_listener", MqttEventListener.class, null,
            "told of every life-cycle step");
    public static final ConfigRule<Integer> MAX_INFLIGHT = integer("max_inflight", MqttConfig.DEFAULT_MAX_INFLIGHT, 1, 65_535,
            "QoS 1 publications awaiting PUBACK at once");
    public static final ConfigRule<Integer> MAX_QUEUED = integer("max_queued", MqttConfig.DEFAULT_MAX_QUEUED, 1, 10_000_000,
            "operations the client holds (waiting or in flight); more fail at once");
    public static final ConfigRule<Long> MAX_QUEUED_BYTES = longValue("max_queued_bytes", MqttConfig.DEFAULT_MAX_QUEUED_BYTES, 65_536,
            1L << 40, "bytes of packets the client holds (waiting or in flight); more fail at once");
    public static final ConfigRule<Integer> MAX_ATTEMPTS = integer("max_attempts", MqttConfig.DEFAULT_MAX_ATTEMPTS, 0, 1000,
            "connections that may be lost while one operation is unacknowledged before it is given up; 0 = never");
    public static final ConfigRule<Integer> INBOUND_QUEUE_LEN = integer("inbound_queue_len", MqttConfig.DEFAULT_INBOUND_QUEUE_LEN, 1,
            1_000_000, "received messages waiting for the application");
    public static final ConfigRule<Long> INBOUND_QUEUE_BYTES = longValue("inbound_queue_bytes", MqttConfig.DEFAULT_INBOUND_QUEUE_BYTES,
            65_536, 1L << 31, "bytes of received messages waiting for the application");
    public static final ConfigRule<Boolean> RESUBSCRIBE = bool("resubscribe", true,
            "subscribe again to the current subscriptions when a connection has no session");
    public static final ConfigRule<Integer> SOCKET_SEND_BUFFER = rule("socket_send_buffer", Integer.class,
            MqttConfig.DEFAULT_SOCKET_SEND_BUFFER, v -> v == 0 || (v >= 1024 && v <= 16 << 20), "0 (the OS default) or 1024..16777216 bytes",
            ConfigMap::integer, "0", "16777216", "the socket's send buffer: bounds how much the kernel holds unsent");
    public static final ConfigRule<Double> RECONNECT_DELAY_MIN = seconds("reconnect_delay_min", MqttConfig.DEFAULT_RECONNECT_DELAY_MIN,
            0, 3600, "first back-off delay");
    public static final ConfigRule<Double> RECONNECT_DELAY_MAX = seconds("reconnect_delay_max", MqttConfig.DEFAULT_RECONNECT_DELAY_MAX,
            0, 86_400, "back-off ceiling");
    public static final ConfigRule<Double> RECONNECT_JITTER = rule("reconnect_jitter", Double.class, MqttConfig.DEFAULT_RECONNECT_JITTER,
            v -> Double.isFinite(v) && v >= 0 && v <= 1, "0..1", ConfigMap::number, "0", "1", "random fraction of each delay");
    public static final ConfigRule<Double> STABILITY_TIME = seconds("stability_time", MqttConfig.DEFAULT_STABILITY_TIME, 0, 600,
            "how long the link must be up before a non-quick connect");
    public static final ConfigRule<Integer> MAX_PACKET_SIZE = integer("max_packet_size", MqttConfig.DEFAULT_MAX_PACKET_SIZE, 64,
            MqttEncoder.MAX_PACKET_SIZE_LIMIT, "largest packet in and out");
    public static final ConfigRule<String> OUTBOX = rule("outbox", String.class, "", v -> true, "a directory (empty = off)",
            (k, v) -> v == null ? "" : ConfigMap.str(k, v).trim(), null, null, "directory of the durable outbox");
    public static final ConfigRule<Long> OUTBOX_MAX_BYTES = longValue("outbox_max_bytes", MqttConfig.DEFAULT_OUTBOX_MAX_BYTES, 4096,
            1L << 40, "bound on journaled publications");
    public static final ConfigRule<MqttConfig.OutboxOverflow> OUTBOX_OVERFLOW = rule("outbox_overflow", MqttConfig.OutboxOverflow.class,
            MqttConfig.OutboxOverflow.DROP_OLDEST, v -> v != null, "drop_oldest or reject", ConfigMap::overflow, null, null,
            "what a full outbox does");
    public static final ConfigRule<String> WAN_OK_SERVER = rule("wan_ok_server", String.class, MqttConfig.DEFAULT_WAN_OK_SERVER,
            v -> v != null && !ConfigMap.hostPort("wan_ok_server", v).host().isEmpty(), "host[:port]", (k, v) -> ConfigMap.str(k, v).trim(),
            null, null, "DNS server wanOk() asks");
    public static final ConfigRule<String> CONFIGURATION_NAME = text("configuration_name", "", 1024,
            "name of the configuration (the component's PID), part of the default client_id");

    // ---- WebSocket transport (issue 13 item 6): used by ws:// and wss:// servers only ----
    public static final ConfigRule<String> WEBSOCKET_PATH = rule("websocket_path", String.class, "/mqtt",
            v -> v != null && v.startsWith("/") && v.length() <= 2048 && v.chars().noneMatch(c -> c <= ' ' || c == '#'),
            "a path starting with / (no spaces, no #), at most 2048 characters", (k, v) -> ConfigMap.str(k, v).trim(), null, null,
            "HTTP path of the WebSocket upgrade when a ws:// or wss:// server names none");
    public static final ConfigRule<String> WEBSOCKET_PROXY = rule("websocket_proxy", String.class, "",
            v -> v != null && (v.isEmpty() || WebSocketClients.validProxy(v)), "empty (no proxy) or host:port of an HTTP proxy",
            (k, v) -> v == null ? "" : ConfigMap.str(k, v).trim(), null, null,
            "HTTP proxy for ws:// and wss:// (CONNECT tunnel); empty = connect directly, whatever the JVM's proxy settings");

    /** Every rule, in table order. */
    public static List<ConfigRule<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The rule of {@code key}, or null. */
    public static ConfigRule<?> byKey(String key) {
        return BY_KEY.get(key);
    }

    static int size() {
        return ALL.size();
    }
}
