/* spec/mqtt_as.md §2 and DESIGN.md §5, §7: the configuration dictionary and our added keys. */
package io.mqttas.session;

import io.mqttas.session.internal.ConfigMap;
import io.mqttas.session.internal.ConfigRule;
import io.mqttas.session.internal.ConfigRules;
import io.mqttas.session.internal.DefaultClientId;
import io.mqttas.session.internal.ServerUris;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.mqttas.session.internal.ConfigRules.*;

/**
 * The client's configuration: every key of the original's config dict with the same defaults and
 * meaning, plus the keys of our deliberate extensions (back-off, fail-over servers, bounds, durable
 * outbox, …). Build it with {@link #builder()} (one method per key) or from a map of the dict keys
 * verbatim with {@link #fromMap(Map)}. Immutable. Keys, defaults and ranges live in one table
 * ({@code ConfigRules}) that serves the builder, {@code fromMap} and the OSGi metatype alike.
 *
 * <p>Time keys are in seconds (fractions allowed), as in the original. Every validation error is an
 * {@link InvalidConfigException} naming the key, the value and the allowed range.
 */
public final class MqttConfig {

    public static final int DEFAULT_KEEPALIVE = 60;
    public static final double DEFAULT_RESPONSE_TIME = 10;
    public static final int DEFAULT_MAX_REPUBS = 4;
    public static final int DEFAULT_MAX_INFLIGHT = 20;
    public static final int DEFAULT_MAX_QUEUED = 10_000;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final int DEFAULT_INBOUND_QUEUE_LEN = 1000;
    public static final long DEFAULT_INBOUND_QUEUE_BYTES = 8L * 1024 * 1024;
    public static final int DEFAULT_SOCKET_SEND_BUFFER = 16 * 1024;
    public static final double DEFAULT_RECONNECT_DELAY_MIN = 0.5;
    public static final double DEFAULT_RECONNECT_DELAY_MAX = 1;
    public static final double DEFAULT_RECONNECT_JITTER = 0.5;
    public static final double DEFAULT_STABILITY_TIME = 5;
    public static final int DEFAULT_MAX_PACKET_SIZE = 2 * 1024 * 1024;
    public static final long DEFAULT_OUTBOX_MAX_BYTES = 16L * 1024 * 1024;
    public static final String DEFAULT_WAN_OK_SERVER = "8.8.8.8:53";

    /** What a full durable outbox does with a new QoS 1 publication (key {@code outbox_overflow}). */
    public enum OutboxOverflow {
        /** Drop the oldest journaled publication (it is still delivered if it is already in flight on the wire). */
        DROP_OLDEST,
        /** Fail the new publication with {@link MqttException}; journaled ones are kept. */
        REJECT
    }

    /** A Last Will (key {@code will}): topic, message, retain, qos 0 or 1. */
    public record Will(String topic, byte[] message, boolean retain, int qos) {
        public Will {
            Objects.requireNonNull(topic, "topic");
            message = message == null ? new byte[0] : message.clone();
        }

        @Override
        public byte[] message() {
            return message.clone();
        }
    }

    /**
     * A broker address: host and port, and for a URL entry its scheme ({@code mqtt}, {@code mqtts},
     * {@code ws}, {@code wss}; null for a plain host name, whose TLS {@code ssl} decides) and, for
     * ws/wss, the HTTP path of the upgrade ({@code websocket_path} when the URL names none).
     */
    public record Server(String host, int port, String scheme, String path) {
        /** A plain host name: TCP, or TLS when {@code ssl} is set. */
        public Server(String host, int port) {
            this(host, port, null, null);
        }

        /** Whether this server is reached over a WebSocket ({@code ws://} or {@code wss://}). */
        public boolean webSocket() {
            return scheme != null && scheme.startsWith("ws");
        }

        @Override
        public String toString() {
            String hp = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
            return scheme == null ? host + ":" + port : scheme + "://" + hp + (path == null ? "" : ServerUris.redactQuery(path));
        }
    }

    private final Object[] values;
    private final List<Server> servers;
    // TLS material given by code (a Kura keystore): no dict key, so not in the rules table.
    private final javax.net.ssl.KeyManager[] tlsKeyManagers;
    private final javax.net.ssl.TrustManager[] tlsTrustManagers;

    private MqttConfig(Builder b) {
        values = b.values.clone();
        tlsKeyManagers = b.tlsKeyManagers;
        tlsTrustManagers = b.tlsTrustManagers;
        String server = get(SERVER);
        List<Server> extra = get(SERVERS);
        if (server == null && extra.isEmpty()) {
            throw new InvalidConfigException("server", null, "a host name or IP address (no server specified)");
        }
        List<Server> list = new ArrayList<>();
        if (server != null) {
            list.add(ServerUris.isUrl(server) ? ServerUris.url("server", server) : new Server(server, 0));
        }
        list.addAll(extra);
        servers = Collections.unmodifiableList(withDefaults(list, get(PORT), get(SSL), get(WEBSOCKET_PATH)));
        if (get(CLIENT_ID) == null) {
            values[CLIENT_ID.index()] = DefaultClientId.of(get(CONFIGURATION_NAME));
        }
        double min = get(RECONNECT_DELAY_MIN);
        double max = get(RECONNECT_DELAY_MAX);
        if (max < min) {
            throw new InvalidConfigException("reconnect_delay_max", max, ">= reconnect_delay_min (" + min + ")");
        }
        values[SSL_PARAMS.index()] = Collections.unmodifiableMap(new LinkedHashMap<>(get(SSL_PARAMS)));
        if (!get(MQTTV5)) {
            for (ConfigRule<io.mqttas.codec.MqttProperties> r : List.of(MQTTV5_CON_PROPS, MQTTV5_WILL_PROPS)) {
                if (!get(r).isEmpty()) {
                    throw new InvalidConfigException(r.key(), get(r), "empty unless mqttv5 is true (MQTT 3.1.1 has no properties)");
                }
            }
        }
    }

    /** Issue 13 item 6: default ports and WebSocket paths filled in; a URL whose scheme contradicts {@code ssl=true} refused. */
    private static List<Server> withDefaults(List<Server> in, int port, boolean ssl, String wsPath) {
        List<Server> out = new ArrayList<>();
        for (Server s : in) {
            if (ssl && s.scheme() != null && !ServerUris.secure(s, false)) {
                throw new InvalidConfigException("ssl", true, "false with the plain server " + s + " (use mqtts:// or wss://, or ssl=false)");
            }
            int p = s.port() != 0 ? s.port() : ServerUris.defaultPort(s, port, ssl);
            out.add(new Server(s.host(), p, s.scheme(), s.webSocket() && s.path() == null ? wsPath : s.path()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T> T get(ConfigRule<T> rule) {
        return (T) values[rule.index()];
    }

    /** A new builder with the original's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A configuration from the dict keys verbatim (as ConfigAdmin delivers them: String, Integer,
     * Long, Boolean, Double, String[]; {@code ssl_params.*} flattened; {@code will} as
     * {@code {topic, msg, retain, qos}}). Standard OSGi/DS/Kura properties ({@code service.pid},
     * {@code component.name}, {@code kura.service.pid}, {@code *.target}, any key with a dot other
     * than {@code ssl_params.*}, {@code objectClass}) are ignored; other unknown keys and bad values
     * fail naming key, value and range.
     */
    public static MqttConfig fromMap(Map<String, ?> map) {
        return ConfigMap.apply(map, builder()).build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        System.arraycopy(values, 0, b.values, 0, values.length);
        b.values[SERVER.index()] = null;
        b.values[SERVERS.index()] = servers;
        b.values[SSL_PARAMS.index()] = new LinkedHashMap<>(sslParams());
        b.tlsKeyManagers = tlsKeyManagers;
        b.tlsTrustManagers = tlsTrustManagers;
        return b;
    }

    // ---- getters (key names in the comments) ----

    /** {@code client_id}. */
    public String clientId() { return get(CLIENT_ID); }
    /** {@code server} (the first broker address). */
    public String server() { return servers.get(0).host(); }
    /** The broker addresses tried in turn: {@code server}:{@code port} then the {@code servers} list (ports defaulted). */
    public List<Server> servers() { return servers; }
    /** {@code port} as configured (0 = 1883, or 8883 with ssl). */
    public int port() { return get(PORT); }
    /** The effective port of the first server. */
    public int effectivePort() { return servers.get(0).port(); }
    /** {@code user}; empty = no credentials are sent. */
    public String user() { return get(USER); }
    /** {@code password} (only sent when {@code user} is non-empty). */
    public byte[] password() { return get(PASSWORD).clone(); }
    /** {@code keepalive} seconds written into CONNECT. */
    public int keepalive() { return get(KEEPALIVE); }
    /** {@code ping_interval} seconds as configured (0 = derived). */
    public double pingInterval() { return get(PING_INTERVAL); }

    /**
     * The effective ping period (spec §2): {@code keepalive*1000/4} ms, 20 000 ms for keepalive 0,
     * replaced by {@code ping_interval} when that is non-zero and shorter.
     */
    public long pingIntervalMillis() {
        int keepalive = keepalive();
        long derived = keepalive == 0 ? 20_000L : keepalive * 1000L / 4;
        long custom = Math.round(pingInterval() * 1000);
        return custom != 0 && custom < derived ? custom : derived;
    }

    /** {@code ssl}. */
    public boolean ssl() { return get(SSL); }
    /** {@code ssl_params} (flattened names without the prefix: {@code server_hostname}, {@code ca_certs}, …). */
    public Map<String, String> sslParams() { return get(SSL_PARAMS); }

    /** Key managers given by code (e.g. from a Kura keystore), used instead of {@code ssl_params} cert/key; null = none given. */
    public javax.net.ssl.KeyManager[] tlsKeyManagers() {
        return tlsKeyManagers == null ? null : tlsKeyManagers.clone();
    }

    /** Trust managers given by code, used instead of {@code ssl_params.ca_certs} / the JVM's; null = none given. */
    public javax.net.ssl.TrustManager[] tlsTrustManagers() {
        return tlsTrustManagers == null ? null : tlsTrustManagers.clone();
    }

    /** {@code response_time} seconds. */
    public double responseTime() { return get(RESPONSE_TIME); }

    public long responseTimeMillis() { return Math.max(1, Math.round(responseTime() * 1000)); }
    /** {@code clean_init}. */
    public boolean cleanInit() { return get(CLEAN_INIT); }
    /** {@code clean}. */
    public boolean clean() { return get(CLEAN); }
    /** {@code max_repubs}. */
    public int maxRepubs() { return get(MAX_REPUBS); }
    /** {@code will}, or {@code null}. */
    public Will will() { return get(WILL); }
    /** {@code subs_cb}, or {@code null}. */
    public MessageListener subsCb() { return get(SUBS_CB); }
    /** {@code wifi_coro}, or {@code null}. */
    public LinkListener wifiCoro() { return get(WIFI_CORO); }
    /** {@code connect_coro}, or {@code null}. */
    public ConnectListener connectCoro() { return get(CONNECT_CORO); }
    /** {@code ssid} (accepted for compatibility; the OS or the watchdog manages the link). */
    public String ssid() { return get(SSID); }
    /** {@code wifi_pw} (accepted for compatibility, unused). */
    public String wifiPw() { return get(WIFI_PW); }
    /** {@code queue_len}: 0 = callback interface, N > 0 = event interface with a queue of N messages. */
    public int queueLen() { return get(QUEUE_LEN); }
    /** {@code gateway} (accepted for compatibility, unused). */
    public boolean gateway() { return get(GATEWAY); }
    /** {@code mqttv5}: MQTT 5.0 instead of 3.1.1. */
    public boolean mqttv5() { return get(MQTTV5); }
    /** {@code mqttv5_con_props}: CONNECT properties ({@link io.mqttas.codec.MqttProperties#EMPTY} if none). */
    public io.mqttas.codec.MqttProperties mqttv5ConProps() { return get(MQTTV5_CON_PROPS); }
    /** {@code message_handler} (code only): {@code subs_cb} with the message's properties, or {@code null}. */
    public MessageHandler messageHandler() { return get(MESSAGE_HANDLER); }
    /** {@code mqttv5_will_props}: the will's properties. */
    public io.mqttas.codec.MqttProperties mqttv5WillProps() { return get(MQTTV5_WILL_PROPS); }
    /** The network link under the client (code only). */
    public LinkMonitor linkMonitor() { return get(LINK_MONITOR); }
    /** The listener told of every life-cycle step (code only), or {@code null}. */
    public MqttEventListener eventListener() { return get(EVENT_LISTENER); }
    /** {@code max_inflight}: QoS 1 publications awaiting PUBACK at once; more wait their turn. */
    public int maxInflight() { return get(MAX_INFLIGHT); }
    /** {@code max_queued}: operations the client holds (waiting or in flight); more fail at once. */
    public int maxQueued() { return get(MAX_QUEUED); }
    /** {@code max_queued_bytes}: bytes of packets the client holds (waiting or in flight). */
    public long maxQueuedBytes() { return get(MAX_QUEUED_BYTES); }
    /** {@code max_attempts}: connections lost while one operation was unacknowledged before it is given up (0 = never). */
    public int maxAttempts() { return get(MAX_ATTEMPTS); }
    /** {@code inbound_queue_len}: received messages waiting for the application. */
    public int inboundQueueLen() { return get(INBOUND_QUEUE_LEN); }
    /** {@code inbound_queue_bytes}: bytes of received messages waiting for the application. */
    public long inboundQueueBytes() { return get(INBOUND_QUEUE_BYTES); }
    /** {@code resubscribe}: subscribe again automatically when a connection has no session. */
    public boolean resubscribe() { return get(RESUBSCRIBE); }
    /** {@code socket_send_buffer} bytes (0 = the OS default). */
    public int socketSendBuffer() { return get(SOCKET_SEND_BUFFER); }
    /** {@code reconnect_delay_min} seconds. */
    public double reconnectDelayMin() { return get(RECONNECT_DELAY_MIN); }
    /** {@code reconnect_delay_max} seconds. */
    public double reconnectDelayMax() { return get(RECONNECT_DELAY_MAX); }
    /** {@code reconnect_jitter}: fraction 0..1 of each delay that is randomised. */
    public double reconnectJitter() { return get(RECONNECT_JITTER); }
    /** {@code stability_time} seconds: how long the link must stay up before a non-quick connect. */
    public double stabilityTime() { return get(STABILITY_TIME); }
    /** {@code max_packet_size} bytes, in and out. */
    public int maxPacketSize() { return get(MAX_PACKET_SIZE); }
    /** {@code outbox} directory, or empty (off). */
    public String outbox() { return get(OUTBOX); }
    /** {@code outbox_max_bytes}. */
    public long outboxMaxBytes() { return get(OUTBOX_MAX_BYTES); }
    /** {@code outbox_overflow}. */
    public OutboxOverflow outboxOverflow() { return get(OUTBOX_OVERFLOW); }
    /** {@code wan_ok_server} host:port of the DNS server {@code wanOk()} asks. */
    public String wanOkServer() { return get(WAN_OK_SERVER); }
    /** {@code configuration_name}: the name the default client_id is derived from (set by the OSGi component). */
    public String configurationName() { return get(CONFIGURATION_NAME); }
    /** {@code websocket_path}: the upgrade's HTTP path for ws/wss servers that name none. */
    public String websocketPath() { return get(WEBSOCKET_PATH); }
    /** {@code websocket_proxy}: host:port of an HTTP proxy for ws/wss, or empty (none). */
    public String websocketProxy() { return get(WEBSOCKET_PROXY); }
    /** Whether any server is reached over TLS (mqtts://, wss://, or a plain host with {@code ssl}). */
    public boolean anyTls() { return servers.stream().anyMatch(s -> ServerUris.secure(s, ssl())); }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "MqttConfig[client_id=" + clientId() + ", servers=" + servers + ", user=" + user() + ", password="
                + (get(PASSWORD).length == 0 ? "" : "***") + ", keepalive=" + keepalive() + ", ping_interval=" + pingInterval()
                + ", ssl=" + ssl() + ", response_time=" + responseTime() + ", clean_init=" + cleanInit() + ", clean=" + clean()
                + ", max_repubs=" + maxRepubs() + ", will=" + (will() == null ? "none" : will().topic()) + ", queue_len=" + queueLen()
                + ", max_inflight=" + maxInflight() + ", outbox=" + outbox() + "]";
    }

    /** One method per config key (plus {@link #set(String, Object)} for any key by name); each validates at once. */
    public static final class Builder {
        private final Object[] values = new Object[ConfigRules.all().size()];
        private javax.net.ssl.KeyManager[] tlsKeyManagers;
        private javax.net.ssl.TrustManager[] tlsTrustManagers;

        private Builder() {
            for (ConfigRule<?> r : ConfigRules.all()) {
                values[r.index()] = r.defaultValue();
            }
            values[SSL_PARAMS.index()] = new LinkedHashMap<String, String>();
        }

        private <T> Builder put(ConfigRule<T> rule, T value) {
            values[rule.index()] = rule.checked(value);
            return this;
        }

        /**
         * Sets the key {@code key} from a dict/ConfigAdmin value (String, Number, Boolean, String[], or
         * the Java type), parsed and checked as {@link MqttConfig#fromMap} does.
         */
        public Builder set(String key, Object value) {
            ConfigRule<?> rule = ConfigRules.byKey(key);
            if (rule == null) {
                throw new InvalidConfigException(key, value instanceof Object[] a ? List.of(a) : value,
                        "a known config key (unknown key '" + key + "')");
            }
            switch (key) {
                case "server" -> server(value == null ? null : SERVER.parse(value));
                case "will" -> will(WILL.parse(value));
                case "ssl_params" -> sslParams(SSL_PARAMS.parse(value));
                case "user" -> put(USER, value == null ? "" : USER.parse(value));
                default -> values[rule.index()] = rule.parse(value);
            }
            return this;
        }

        /** {@code client_id}: 0..65535 UTF-8 bytes (empty asks the broker to assign one; needs clean). */
        public Builder clientId(String v) {
            Objects.requireNonNull(v, "client_id");
            return put(CLIENT_ID, v);
        }

        /** {@code server}: broker host name or IP address, re-resolved on every connection attempt. */
        public Builder server(String v) {
            if (v == null || v.isBlank()) {
                throw new InvalidConfigException("server", v, SERVER.range());
            }
            if (ServerUris.isUrl(v.trim())) {
                ServerUris.url("server", v.trim()); // names what is wrong with the URL
            }
            return put(SERVER, v.trim());
        }

        /** {@code servers}: further brokers for fail-over, tried in turn after {@code server}. */
        public Builder servers(List<Server> v) { return put(SERVERS, List.copyOf(v)); }
        /** {@code servers} as text: {@code "host[:port],host[:port]…"}. */
        public Builder servers(String v) { return put(SERVERS, SERVERS.parse(v)); }
        /** {@code port}: 0..65535; 0 = 1883 (8883 with ssl). */
        public Builder port(int v) { return put(PORT, v); }
        /** {@code user}: if non-empty, user name and password are both sent. */
        public Builder user(String v) { return put(USER, v == null ? "" : v); }
        /** {@code password} (UTF-8). */
        public Builder password(String v) { return password(v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8)); }
        /** {@code password} as bytes. */
        public Builder password(byte[] v) { return put(PASSWORD, v == null ? new byte[0] : v.clone()); }
        /** {@code keepalive}: 0..65535 seconds (0 = the broker never times the client out). */
        public Builder keepalive(int v) { return put(KEEPALIVE, v); }
        /** {@code ping_interval}: 0 or seconds; used only if shorter than keepalive/4. */
        public Builder pingInterval(double v) { return put(PING_INTERVAL, v); }
        /** {@code ssl}. */
        public Builder ssl(boolean v) { return put(SSL, v); }

        /** {@code ssl_params}: {@code server_hostname}, {@code ca_certs}, {@code cert}, {@code key}, {@code cert_reqs}, … */
        public Builder sslParams(Map<String, String> v) {
            Map<String, String> m = new LinkedHashMap<>();
            values[SSL_PARAMS.index()] = m;
            v.forEach(this::sslParam);
            return this;
        }

        /**
         * TLS key and trust material given by code (no dict key): a component passes what a Kura
         * {@code KeystoreService} holds. A null or empty array leaves that half to {@code ssl_params}
         * (PEM files) or the JVM default; {@code cert_reqs=CERT_NONE} still disables verification.
         */
        public Builder tlsManagers(javax.net.ssl.KeyManager[] keys, javax.net.ssl.TrustManager[] trust) {
            tlsKeyManagers = keys == null || keys.length == 0 ? null : keys.clone();
            tlsTrustManagers = trust == null || trust.length == 0 ? null : trust.clone();
            return this;
        }

        /** One {@code ssl_params} entry. */
        @SuppressWarnings("unchecked")
        public Builder sslParam(String name, String value) {
            ConfigMap.checkSslParam(name, value);
            ((Map<String, String>) values[SSL_PARAMS.index()]).put(name, value);
            return this;
        }

        /** {@code response_time}: seconds, more than 0 and at most 3600. */
        public Builder responseTime(double v) { return put(RESPONSE_TIME, v); }
        /** {@code clean_init}. */
        public Builder cleanInit(boolean v) { return put(CLEAN_INIT, v); }
        /** {@code clean}. */
        public Builder clean(boolean v) { return put(CLEAN, v); }
        /** {@code max_repubs}: 0..1000 DUP re-sends within one connection. */
        public Builder maxRepubs(int v) { return put(MAX_REPUBS, v); }

        /** {@code will}: topic (non-empty, no wildcards), message, retain, qos 0 or 1; {@code null} = none. */
        public Builder will(Will v) {
            if (v != null) {
                if (!io.mqttas.codec.Topics.isValidName(v.topic())) {
                    throw new InvalidConfigException("will", v.topic(), "a non-empty topic name without wildcards (Empty topic.)");
                }
                if (v.qos() < 0 || v.qos() > 2) {
                    throw new InvalidConfigException("will", "qos=" + v.qos(), "qos 0, 1 or 2");
                }
            }
            values[WILL.index()] = v;
            return this;
        }

        /** {@code will} from its parts (message as UTF-8). */
        public Builder will(String topic, String message, boolean retain, int qos) {
            return will(new Will(topic, message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8), retain, qos));
        }

        /** {@code subs_cb}: the callback interface's message handler. */
        public Builder subsCb(MessageListener v) { return put(SUBS_CB, v); }
        /** {@code wifi_coro}: told true after every connect and false once per outage. */
        public Builder wifiCoro(LinkListener v) { return put(WIFI_CORO, v); }
        /** {@code connect_coro}: run after every connect. */
        public Builder connectCoro(ConnectListener v) { return put(CONNECT_CORO, v); }
        /** {@code ssid} (accepted for compatibility; ignored). */
        public Builder ssid(String v) { return put(SSID, v); }
        /** {@code wifi_pw} (accepted for compatibility; ignored). */
        public Builder wifiPw(String v) { return put(WIFI_PW, v); }
        /** {@code queue_len}: 0 = callbacks; 1..1,000,000 = event interface with that many messages. */
        public Builder queueLen(int v) { return put(QUEUE_LEN, v); }
        /** {@code gateway} (ESP-NOW gateway mode of the original; accepted for compatibility, no effect here). */
        public Builder gateway(boolean v) { return put(GATEWAY, v); }
        /** {@code mqttv5}: speak MQTT 5.0 instead of 3.1.1 (the original's {@code mqttv5=True}). */
        public Builder mqttv5(boolean v) { return put(MQTTV5, v); }
        /** {@code mqttv5_con_props}: the CONNECT properties (Session Expiry Interval, Receive Maximum, User Properties …). */
        public Builder mqttv5ConProps(io.mqttas.codec.MqttProperties v) { return put(MQTTV5_CON_PROPS, v == null ? io.mqttas.codec.MqttProperties.EMPTY : v); }
        /**
         * {@code message_handler} (code only): the callback interface's message handler with the whole
         * {@link Message} — the original's {@code subs_cb(topic, msg, retained, properties)} of
         * {@code mqttv5=True}. Used when {@code subs_cb} is not set.
         */
        public Builder messageHandler(MessageHandler v) { return put(MESSAGE_HANDLER, v); }
        /** {@code mqttv5_will_props}: the will's properties (Will Delay Interval, Message Expiry Interval, Content Type …). */
        public Builder mqttv5WillProps(io.mqttas.codec.MqttProperties v) { return put(MQTTV5_WILL_PROPS, v == null ? io.mqttas.codec.MqttProperties.EMPTY : v); }

        /**
         * One property of {@code mqttv5_con_props} or {@code mqttv5_will_props} by name or id, as
         * ConfigAdmin's flattened form {@code <key>.<name>=value} gives it ({@code user_property.<name>} for a User Property).
         */
        public Builder property(String key, String name, Object value) {
            ConfigRule<io.mqttas.codec.MqttProperties> rule = key.equals(MQTTV5_CON_PROPS.key()) ? MQTTV5_CON_PROPS
                    : key.equals(MQTTV5_WILL_PROPS.key()) ? MQTTV5_WILL_PROPS : null;
            if (rule == null) {
                throw new InvalidConfigException(key + "." + name, value, "a known config key");
            }
            io.mqttas.codec.MqttProperties.Builder b = get(rule).toBuilder();
            io.mqttas.session.internal.PropertyKeys.add(b, key, name, value);
            return put(rule, b.build());
        }

        @SuppressWarnings("unchecked")
        private <T> T get(ConfigRule<T> rule) {
            return (T) values[rule.index()];
        }
        /** The network link (code only; default {@link LinkMonitor#ALWAYS_UP}). */
        public Builder linkMonitor(LinkMonitor v) { return put(LINK_MONITOR, v == null ? LinkMonitor.ALWAYS_UP : v); }
        /** The listener told of every life-cycle step (code only; also {@link MqttClient#addEventListener}). */
        public Builder eventListener(MqttEventListener v) { return put(EVENT_LISTENER, v); }
        /** {@code max_inflight}: 1..65535 QoS 1 publications awaiting PUBACK at once. */
        public Builder maxInflight(int v) { return put(MAX_INFLIGHT, v); }
        /** {@code max_queued}: 1..10,000,000 operations held (waiting or in flight); beyond, a new one fails at once. */
        public Builder maxQueued(int v) { return put(MAX_QUEUED, v); }
        /** {@code max_queued_bytes}: bytes of packets held (waiting or in flight); beyond, a new operation fails at once. */
        public Builder maxQueuedBytes(long v) { return put(MAX_QUEUED_BYTES, v); }
        /** {@code max_attempts}: 0..1000 lost connections per unacknowledged operation before it is given up (0 = never). */
        public Builder maxAttempts(int v) { return put(MAX_ATTEMPTS, v); }
        /** {@code inbound_queue_len}: received messages that may wait for the application. */
        public Builder inboundQueueLen(int v) { return put(INBOUND_QUEUE_LEN, v); }
        /** {@code inbound_queue_bytes}: bytes of received messages that may wait for the application. */
        public Builder inboundQueueBytes(long v) { return put(INBOUND_QUEUE_BYTES, v); }
        /** {@code resubscribe}: subscribe again automatically when a connection has no session (default true). */
        public Builder resubscribe(boolean v) { return put(RESUBSCRIBE, v); }
        /** {@code socket_send_buffer}: 0 (the OS default) or 1024..16777216 bytes. */
        public Builder socketSendBuffer(int v) { return put(SOCKET_SEND_BUFFER, v); }
        /** {@code reconnect_delay_min}: seconds, 0..3600, first back-off delay after an outage. */
        public Builder reconnectDelayMin(double v) { return put(RECONNECT_DELAY_MIN, v); }
        /** {@code reconnect_delay_max}: seconds, 0..86400, the back-off ceiling. */
        public Builder reconnectDelayMax(double v) { return put(RECONNECT_DELAY_MAX, v); }
        /** {@code reconnect_jitter}: 0..1, the randomised fraction of each delay. */
        public Builder reconnectJitter(double v) { return put(RECONNECT_JITTER, v); }
        /** {@code stability_time}: seconds 0..600 the link must stay up before a non-quick connect. */
        public Builder stabilityTime(double v) { return put(STABILITY_TIME, v); }
        /** {@code max_packet_size}: 64..268435460 bytes, in and out. */
        public Builder maxPacketSize(int v) { return put(MAX_PACKET_SIZE, v); }
        /** {@code outbox}: directory of the durable outbox, empty = off. */
        public Builder outbox(String v) { return put(OUTBOX, v == null ? "" : v.trim()); }
        /** {@code outbox_max_bytes}: 4096..2^40 bytes of journal. */
        public Builder outboxMaxBytes(long v) { return put(OUTBOX_MAX_BYTES, v); }
        /** {@code outbox_overflow}: {@code drop_oldest} or {@code reject}. */
        public Builder outboxOverflow(OutboxOverflow v) { return put(OUTBOX_OVERFLOW, Objects.requireNonNull(v, "outbox_overflow")); }
        /** {@code wan_ok_server}: host:port of the DNS server asked by wanOk(). */
        public Builder wanOkServer(String v) { return put(WAN_OK_SERVER, v == null ? "" : v.trim()); }
        /** {@code configuration_name}: the configuration's name, mixed into the default client_id. */
        public Builder configurationName(String v) { return put(CONFIGURATION_NAME, v == null ? "" : v); }

        /** {@code websocket_path}: HTTP path of the WebSocket upgrade for ws/wss servers naming none (default /mqtt). */
        public Builder websocketPath(String v) { return put(WEBSOCKET_PATH, v); }
        /** {@code websocket_proxy}: host:port of an HTTP proxy for ws/wss; empty = none (the JVM's proxy settings are ignored). */
        public Builder websocketProxy(String v) { return put(WEBSOCKET_PROXY, v == null ? "" : v.trim()); }

        public MqttConfig build() {
            return new MqttConfig(this);
        }
    }
}
