/* spec/mqtt_as.md §2 and DESIGN.md §5, §7: the configuration dictionary and our added keys. */
package io.mqttas.session;

import io.mqttas.session.internal.ConfigMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The client's configuration: every key of the original's config dict with the same defaults and
 * meaning, plus the keys of our deliberate extensions (back-off, fail-over servers, in-flight
 * window, packet size limit, durable outbox). Build it with {@link #builder()} (one method per key)
 * or from a map of the dict keys verbatim with {@link #fromMap(Map)}. Immutable.
 *
 * <p>Time keys are in seconds (fractions allowed), as in the original. Every validation error is an
 * {@link InvalidConfigException} naming the key, the value and the allowed range.
 */
public final class MqttConfig {

    public static final int DEFAULT_KEEPALIVE = 60;
    public static final double DEFAULT_RESPONSE_TIME = 10;
    public static final int DEFAULT_MAX_REPUBS = 4;
    public static final int DEFAULT_MAX_INFLIGHT = 20;
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

    /** A broker address of the {@code servers} fail-over list. */
    public record Server(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    final String clientId;
    final List<Server> servers;
    final int port;
    final String user;
    final byte[] password;
    final int keepalive;
    final double pingInterval;
    final boolean ssl;
    final Map<String, String> sslParams;
    final javax.net.ssl.KeyManager[] tlsKeyManagers;
    final javax.net.ssl.TrustManager[] tlsTrustManagers;
    final double responseTime;
    final boolean cleanInit;
    final boolean clean;
    final int maxRepubs;
    final Will will;
    final MessageListener subsCb;
    final LinkListener wifiCoro;
    final ConnectListener connectCoro;
    final String ssid;
    final String wifiPw;
    final int queueLen;
    final boolean gateway;
    final LinkMonitor linkMonitor;
    final int maxInflight;
    final int maxQueued;
    final double reconnectDelayMin;
    final double reconnectDelayMax;
    final double reconnectJitter;
    final double stabilityTime;
    final int maxPacketSize;
    final String outbox;
    final long outboxMaxBytes;
    final OutboxOverflow outboxOverflow;
    final String wanOkServer;

    private MqttConfig(Builder b) {
        if (b.server == null && b.servers.isEmpty()) {
            throw new InvalidConfigException("server", null, "a host name or IP address (no server specified)");
        }
        this.clientId = b.clientId == null ? defaultClientId() : b.clientId;
        check("client_id", clientId, clientId.getBytes(StandardCharsets.UTF_8).length <= 65_535, "at most 65535 UTF-8 bytes");
        List<Server> list = new ArrayList<>();
        if (b.server != null) {
            list.add(new Server(b.server, b.port == 0 ? (b.ssl ? 8883 : 1883) : b.port));
        }
        for (Server s : b.servers) {
            list.add(new Server(s.host(), s.port() == 0 ? (b.port != 0 ? b.port : (b.ssl ? 8883 : 1883)) : s.port()));
        }
        this.servers = Collections.unmodifiableList(list);
        this.port = b.port;
        this.user = b.user;
        this.password = b.password.clone();
        this.keepalive = b.keepalive;
        this.pingInterval = b.pingInterval;
        this.ssl = b.ssl;
        this.sslParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.sslParams));
        this.tlsKeyManagers = b.tlsKeyManagers;
        this.tlsTrustManagers = b.tlsTrustManagers;
        this.responseTime = b.responseTime;
        this.cleanInit = b.cleanInit;
        this.clean = b.clean;
        this.maxRepubs = b.maxRepubs;
        this.will = b.will;
        this.subsCb = b.subsCb;
        this.wifiCoro = b.wifiCoro;
        this.connectCoro = b.connectCoro;
        this.ssid = b.ssid;
        this.wifiPw = b.wifiPw;
        this.queueLen = b.queueLen;
        this.gateway = b.gateway;
        this.linkMonitor = b.linkMonitor;
        this.maxInflight = b.maxInflight;
        this.maxQueued = b.maxQueued;
        check("reconnect_delay_max", b.reconnectDelayMax, b.reconnectDelayMax >= b.reconnectDelayMin,
                ">= reconnect_delay_min (" + b.reconnectDelayMin + ")");
        this.reconnectDelayMin = b.reconnectDelayMin;
        this.reconnectDelayMax = b.reconnectDelayMax;
        this.reconnectJitter = b.reconnectJitter;
        this.stabilityTime = b.stabilityTime;
        this.maxPacketSize = b.maxPacketSize;
        this.outbox = b.outbox;
        this.outboxMaxBytes = b.outboxMaxBytes;
        this.outboxOverflow = b.outboxOverflow;
        this.wanOkServer = b.wanOkServer;
    }

    private static String defaultClientId() {
        // The original uses the chip's unique id; a gateway's closest stable equivalent is its host
        // name. Read without DNS (a reverse lookup could stall construction on a closed network).
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv("COMPUTERNAME");
        }
        if (host == null || host.isBlank()) {
            try {
                host = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).trim();
            } catch (java.io.IOException | RuntimeException e) {
                host = "unknown";
            }
        }
        return "mqttas-" + Integer.toHexString(host.hashCode());
    }

    static void check(String key, Object value, boolean ok, String range) {
        if (!ok) {
            throw new InvalidConfigException(key, value, range);
        }
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
        b.clientId = clientId;
        b.server = null;
        b.servers.addAll(servers);
        b.port = port;
        b.user = user;
        b.password = password.clone();
        b.keepalive = keepalive;
        b.pingInterval = pingInterval;
        b.ssl = ssl;
        b.sslParams.putAll(sslParams);
        b.tlsKeyManagers = tlsKeyManagers;
        b.tlsTrustManagers = tlsTrustManagers;
        b.responseTime = responseTime;
        b.cleanInit = cleanInit;
        b.clean = clean;
        b.maxRepubs = maxRepubs;
        b.will = will;
        b.subsCb = subsCb;
        b.wifiCoro = wifiCoro;
        b.connectCoro = connectCoro;
        b.ssid = ssid;
        b.wifiPw = wifiPw;
        b.queueLen = queueLen;
        b.gateway = gateway;
        b.linkMonitor = linkMonitor;
        b.maxInflight = maxInflight;
        b.maxQueued = maxQueued;
        b.reconnectDelayMin = reconnectDelayMin;
        b.reconnectDelayMax = reconnectDelayMax;
        b.reconnectJitter = reconnectJitter;
        b.stabilityTime = stabilityTime;
        b.maxPacketSize = maxPacketSize;
        b.outbox = outbox;
        b.outboxMaxBytes = outboxMaxBytes;
        b.outboxOverflow = outboxOverflow;
        b.wanOkServer = wanOkServer;
        return b;
    }

    // ---- getters (key names in comments) ----

    /** {@code client_id}. */
    public String clientId() {
        return clientId;
    }

    /** {@code server} (the first broker address; port already defaulted). */
    public String server() {
        return servers.get(0).host();
    }

    /** The broker addresses tried in turn: {@code server}:{@code port} then the {@code servers} list. */
    public List<Server> servers() {
        return servers;
    }

    /** {@code port} as configured (0 = 1883, or 8883 with ssl). */
    public int port() {
        return port;
    }

    /** The effective port of the first server. */
    public int effectivePort() {
        return servers.get(0).port();
    }

    /** {@code user}; empty = no credentials are sent. */
    public String user() {
        return user;
    }

    /** {@code password} (only sent when {@code user} is non-empty). */
    public byte[] password() {
        return password.clone();
    }

    /** {@code keepalive} seconds written into CONNECT. */
    public int keepalive() {
        return keepalive;
    }

    /** {@code ping_interval} seconds as configured (0 = derived). */
    public double pingInterval() {
        return pingInterval;
    }

    /**
     * The effective ping period (spec §2): {@code keepalive*1000/4} ms, 20 000 ms for keepalive 0,
     * replaced by {@code ping_interval} when that is non-zero and shorter.
     */
    public long pingIntervalMillis() {
        long derived = keepalive == 0 ? 20_000L : keepalive * 1000L / 4;
        long custom = Math.round(pingInterval * 1000);
        return custom != 0 && custom < derived ? custom : derived;
    }

    /** {@code ssl}. */
    public boolean ssl() {
        return ssl;
    }

    /** {@code ssl_params} (flattened names without the prefix: {@code server_hostname}, {@code ca_certs}, …). */
    public Map<String, String> sslParams() {
        return sslParams;
    }

    /** Key managers given by code (e.g. from a Kura keystore), used instead of {@code ssl_params} cert/key; null = none given. */
    public javax.net.ssl.KeyManager[] tlsKeyManagers() {
        return tlsKeyManagers == null ? null : tlsKeyManagers.clone();
    }

    /** Trust managers given by code, used instead of {@code ssl_params.ca_certs} / the JVM's; null = none given. */
    public javax.net.ssl.TrustManager[] tlsTrustManagers() {
        return tlsTrustManagers == null ? null : tlsTrustManagers.clone();
    }

    /** {@code response_time} seconds. */
    public double responseTime() {
        return responseTime;
    }

    public long responseTimeMillis() {
        return Math.max(1, Math.round(responseTime * 1000));
    }

    /** {@code clean_init}. */
    public boolean cleanInit() {
        return cleanInit;
    }

    /** {@code clean}. */
    public boolean clean() {
        return clean;
    }

    /** {@code max_repubs}. */
    public int maxRepubs() {
        return maxRepubs;
    }

    /** {@code will}, or {@code null}. */
    public Will will() {
        return will;
    }

    /** {@code subs_cb}, or {@code null}. */
    public MessageListener subsCb() {
        return subsCb;
    }

    /** {@code wifi_coro}, or {@code null}. */
    public LinkListener wifiCoro() {
        return wifiCoro;
    }

    /** {@code connect_coro}, or {@code null}. */
    public ConnectListener connectCoro() {
        return connectCoro;
    }

    /** {@code ssid} (accepted for compatibility; the OS or the watchdog manages the link). */
    public String ssid() {
        return ssid;
    }

    /** {@code wifi_pw} (accepted for compatibility, unused). */
    public String wifiPw() {
        return wifiPw;
    }

    /** {@code queue_len}: 0 = callback interface, N > 0 = event interface with a queue of N messages. */
    public int queueLen() {
        return queueLen;
    }

    /** {@code gateway} (accepted for compatibility, unused). */
    public boolean gateway() {
        return gateway;
    }

    /** The network link under the client (code only). */
    public LinkMonitor linkMonitor() {
        return linkMonitor;
    }

    /** {@code max_inflight}: QoS 1 publications awaiting PUBACK at once; more wait their turn. */
    public int maxInflight() {
        return maxInflight;
    }

    /** {@code max_queued}: operations allowed to wait for a connection or a window slot; 0 = no limit. */
    public int maxQueued() {
        return maxQueued;
    }

    /** {@code reconnect_delay_min} seconds. */
    public double reconnectDelayMin() {
        return reconnectDelayMin;
    }

    /** {@code reconnect_delay_max} seconds. */
    public double reconnectDelayMax() {
        return reconnectDelayMax;
    }

    /** {@code reconnect_jitter}: fraction 0..1 of each delay that is randomised. */
    public double reconnectJitter() {
        return reconnectJitter;
    }

    /** {@code stability_time} seconds: how long the link must stay up before a non-quick connect. */
    public double stabilityTime() {
        return stabilityTime;
    }

    /** {@code max_packet_size} bytes, in and out. */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** {@code outbox} directory, or empty (off). */
    public String outbox() {
        return outbox;
    }

    /** {@code outbox_max_bytes}. */
    public long outboxMaxBytes() {
        return outboxMaxBytes;
    }

    /** {@code outbox_overflow}. */
    public OutboxOverflow outboxOverflow() {
        return outboxOverflow;
    }

    /** {@code wan_ok_server} host:port of the DNS server {@code wanOk()} asks. */
    public String wanOkServer() {
        return wanOkServer;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "MqttConfig[client_id=" + clientId + ", servers=" + servers + ", user=" + user + ", password="
                + (password.length == 0 ? "" : "***") + ", keepalive=" + keepalive + ", ping_interval=" + pingInterval
                + ", ssl=" + ssl + ", response_time=" + responseTime + ", clean_init=" + cleanInit + ", clean=" + clean
                + ", max_repubs=" + maxRepubs + ", will=" + (will == null ? "none" : will.topic()) + ", queue_len=" + queueLen
                + ", max_inflight=" + maxInflight + ", outbox=" + outbox + "]";
    }

    /** One method per config key; each validates at once, naming key, value and range. */
    public static final class Builder {
        private String clientId;
        private String server;
        private final List<Server> servers = new ArrayList<>();
        private int port;
        private String user = "";
        private byte[] password = new byte[0];
        private int keepalive = DEFAULT_KEEPALIVE;
        private double pingInterval;
        private boolean ssl;
        private final Map<String, String> sslParams = new LinkedHashMap<>();
        private javax.net.ssl.KeyManager[] tlsKeyManagers;
        private javax.net.ssl.TrustManager[] tlsTrustManagers;
        private double responseTime = DEFAULT_RESPONSE_TIME;
        private boolean cleanInit = true;
        private boolean clean = true;
        private int maxRepubs = DEFAULT_MAX_REPUBS;
        private Will will;
        private MessageListener subsCb;
        private LinkListener wifiCoro;
        private ConnectListener connectCoro;
        private String ssid;
        private String wifiPw;
        private int queueLen;
        private boolean gateway;
        private LinkMonitor linkMonitor = LinkMonitor.ALWAYS_UP;
        private int maxInflight = DEFAULT_MAX_INFLIGHT;
        private int maxQueued;
        private double reconnectDelayMin = DEFAULT_RECONNECT_DELAY_MIN;
        private double reconnectDelayMax = DEFAULT_RECONNECT_DELAY_MAX;
        private double reconnectJitter = DEFAULT_RECONNECT_JITTER;
        private double stabilityTime = DEFAULT_STABILITY_TIME;
        private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
        private String outbox = "";
        private long outboxMaxBytes = DEFAULT_OUTBOX_MAX_BYTES;
        private OutboxOverflow outboxOverflow = OutboxOverflow.DROP_OLDEST;
        private String wanOkServer = DEFAULT_WAN_OK_SERVER;

        private Builder() {
        }

        /** {@code client_id}: 0..65535 UTF-8 bytes (empty asks the broker to assign one; needs clean). */
        public Builder clientId(String v) {
            check("client_id", v, v != null && v.getBytes(StandardCharsets.UTF_8).length <= 65_535, "a string of at most 65535 UTF-8 bytes");
            clientId = v;
            return this;
        }

        /** {@code server}: broker host name or IP address, re-resolved on every connection attempt. */
        public Builder server(String v) {
            check("server", v, v != null && !v.isBlank(), "a host name or IP address");
            server = v.trim();
            return this;
        }

        /** {@code servers}: further brokers for fail-over, tried in turn after {@code server}. */
        public Builder servers(List<Server> v) {
            servers.clear();
            for (Server s : v) {
                check("servers", s, s != null && s.host() != null && !s.host().isBlank() && s.port() >= 0 && s.port() <= 65_535,
                        "host[:port] entries with port 0..65535");
                servers.add(s);
            }
            return this;
        }

        /** {@code servers} as text: {@code "host[:port],host[:port]…"}. */
        public Builder servers(String v) {
            List<Server> list = new ArrayList<>();
            if (v != null) {
                for (String part : v.split("[,\\s]+")) {
                    if (!part.isBlank()) {
                        list.add(parseServer("servers", part.trim()));
                    }
                }
            }
            return servers(list);
        }

        static Server parseServer(String key, String text) {
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.indexOf(':') == colon) {
                try {
                    int p = Integer.parseInt(text.substring(colon + 1));
                    check(key, text, p >= 0 && p <= 65_535, "host[:port] with port 0..65535");
                    return new Server(text.substring(0, colon), p);
                } catch (NumberFormatException e) {
                    throw new InvalidConfigException(key, text, "host[:port] with port 0..65535");
                }
            }
            return new Server(text, 0);
        }

        /** {@code port}: 0..65535; 0 = 1883 (8883 with ssl). */
        public Builder port(int v) {
            check("port", v, v >= 0 && v <= 65_535, "0..65535 (0 = 1883, or 8883 with ssl)");
            port = v;
            return this;
        }

        /** {@code user}: if non-empty, user name and password are both sent. */
        public Builder user(String v) {
            user = v == null ? "" : v;
            check("user", user, user.getBytes(StandardCharsets.UTF_8).length <= 65_535, "at most 65535 UTF-8 bytes");
            return this;
        }

        /** {@code password} (UTF-8). */
        public Builder password(String v) {
            return password(v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8));
        }

        /** {@code password} as bytes. */
        public Builder password(byte[] v) {
            byte[] p = v == null ? new byte[0] : v.clone();
            check("password", "(" + p.length + " bytes)", p.length <= 65_535, "at most 65535 bytes");
            password = p;
            return this;
        }

        /** {@code keepalive}: 0..65535 seconds (0 = the broker never times the client out). */
        public Builder keepalive(int v) {
            check("keepalive", v, v >= 0 && v <= 65_535, "0..65535 seconds (invalid keepalive time)");
            keepalive = v;
            return this;
        }

        /** {@code ping_interval}: 0 or a positive number of seconds; used only if shorter than keepalive/4. */
        public Builder pingInterval(double v) {
            check("ping_interval", v, Double.isFinite(v) && v >= 0 && v <= 65_535, "0..65535 seconds (0 = derived from keepalive)");
            pingInterval = v;
            return this;
        }

        /** {@code ssl}. */
        public Builder ssl(boolean v) {
            ssl = v;
            return this;
        }

        /** {@code ssl_params}: {@code server_hostname}, {@code ca_certs}, {@code cert}, {@code key}, {@code cert_reqs}, … */
        public Builder sslParams(Map<String, String> v) {
            sslParams.clear();
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
        public Builder sslParam(String name, String value) {
            ConfigMap.checkSslParam(name, value);
            sslParams.put(name, value);
            return this;
        }

        /** {@code response_time}: seconds, more than 0 and at most 3600. */
        public Builder responseTime(double v) {
            check("response_time", v, Double.isFinite(v) && v > 0 && v <= 3600, "more than 0 and at most 3600 seconds");
            responseTime = v;
            return this;
        }

        /** {@code clean_init}. */
        public Builder cleanInit(boolean v) {
            cleanInit = v;
            return this;
        }

        /** {@code clean}. */
        public Builder clean(boolean v) {
            clean = v;
            return this;
        }

        /** {@code max_repubs}: 0..1000 DUP re-sends within one connection. */
        public Builder maxRepubs(int v) {
            check("max_repubs", v, v >= 0 && v <= 1000, "0..1000");
            maxRepubs = v;
            return this;
        }

        /** {@code will}: topic (non-empty, no wildcards), message, retain, qos 0 or 1; {@code null} = none. */
        public Builder will(Will v) {
            if (v != null) {
                check("will", v.topic(), io.mqttas.codec.Topics.isValidName(v.topic()), "a non-empty topic name without wildcards (Empty topic.)");
                check("will", "qos=" + v.qos(), v.qos() == 0 || v.qos() == 1, "qos 0 or 1 (Only qos 0 and 1 are supported.)");
            }
            will = v;
            return this;
        }

        /** {@code will} from its parts (message as UTF-8). */
        public Builder will(String topic, String message, boolean retain, int qos) {
            return will(new Will(topic, message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8), retain, qos));
        }

        /** {@code subs_cb}: the callback interface's message handler. */
        public Builder subsCb(MessageListener v) {
            subsCb = v;
            return this;
        }

        /** {@code wifi_coro}: told true after every connect and false once per outage. */
        public Builder wifiCoro(LinkListener v) {
            wifiCoro = v;
            return this;
        }

        /** {@code connect_coro}: run after every connect. */
        public Builder connectCoro(ConnectListener v) {
            connectCoro = v;
            return this;
        }

        /** {@code ssid} (accepted for compatibility; ignored). */
        public Builder ssid(String v) {
            ssid = v;
            return this;
        }

        /** {@code wifi_pw} (accepted for compatibility; ignored). */
        public Builder wifiPw(String v) {
            wifiPw = v;
            return this;
        }

        /** {@code queue_len}: 0 = callbacks; 1..1,000,000 = event interface with that many messages. */
        public Builder queueLen(int v) {
            check("queue_len", v, v >= 0 && v <= 1_000_000, "0..1000000 (0 = callback interface)");
            queueLen = v;
            return this;
        }

        /** {@code gateway} (ESP-NOW gateway mode of the original; accepted for compatibility, no effect here). */
        public Builder gateway(boolean v) {
            gateway = v;
            return this;
        }

        /** {@code mqttv5}: only {@code false} is supported by this version. */
        public Builder mqttv5(boolean v) {
            check("mqttv5", v, !v, "false (MQTT 5.0 is not supported yet)");
            return this;
        }

        /** The network link (code only; default {@link LinkMonitor#ALWAYS_UP}). */
        public Builder linkMonitor(LinkMonitor v) {
            linkMonitor = v == null ? LinkMonitor.ALWAYS_UP : v;
            return this;
        }

        /** {@code max_inflight}: 1..65535 QoS 1 publications awaiting PUBACK at once. */
        public Builder maxInflight(int v) {
            check("max_inflight", v, v >= 1 && v <= 65_535, "1..65535");
            maxInflight = v;
            return this;
        }

        /**
         * {@code max_queued}: 0 (default, as the original: every waiting publisher holds its message) or
         * 1..10,000,000 operations that may wait; beyond it a new operation fails at once with MqttException.
         */
        public Builder maxQueued(int v) {
            check("max_queued", v, v >= 0 && v <= 10_000_000, "0..10000000 (0 = no limit)");
            maxQueued = v;
            return this;
        }

        /** {@code reconnect_delay_min}: seconds, 0..3600, first back-off delay after an outage. */
        public Builder reconnectDelayMin(double v) {
            check("reconnect_delay_min", v, Double.isFinite(v) && v >= 0 && v <= 3600, "0..3600 seconds");
            reconnectDelayMin = v;
            return this;
        }

        /** {@code reconnect_delay_max}: seconds, 0..86400, the back-off ceiling. */
        public Builder reconnectDelayMax(double v) {
            check("reconnect_delay_max", v, Double.isFinite(v) && v >= 0 && v <= 86_400, "0..86400 seconds");
            reconnectDelayMax = v;
            return this;
        }

        /** {@code reconnect_jitter}: 0..1, the randomised fraction of each delay. */
        public Builder reconnectJitter(double v) {
            check("reconnect_jitter", v, Double.isFinite(v) && v >= 0 && v <= 1, "0..1");
            reconnectJitter = v;
            return this;
        }

        /** {@code stability_time}: seconds 0..600 the link must stay up before a non-quick connect. */
        public Builder stabilityTime(double v) {
            check("stability_time", v, Double.isFinite(v) && v >= 0 && v <= 600, "0..600 seconds");
            stabilityTime = v;
            return this;
        }

        /** {@code max_packet_size}: 64..268435460 bytes, in and out. */
        public Builder maxPacketSize(int v) {
            check("max_packet_size", v, v >= 64 && v <= io.mqttas.codec.MqttEncoder.MAX_PACKET_SIZE_LIMIT, "64..268435460 bytes");
            maxPacketSize = v;
            return this;
        }

        /** {@code outbox}: directory of the durable outbox, empty = off. */
        public Builder outbox(String v) {
            outbox = v == null ? "" : v.trim();
            return this;
        }

        /** {@code outbox_max_bytes}: 4096..2^40 bytes of journal. */
        public Builder outboxMaxBytes(long v) {
            check("outbox_max_bytes", v, v >= 4096 && v <= (1L << 40), "4096..1099511627776 bytes");
            outboxMaxBytes = v;
            return this;
        }

        /** {@code outbox_overflow}: {@code drop_oldest} or {@code reject}. */
        public Builder outboxOverflow(OutboxOverflow v) {
            outboxOverflow = Objects.requireNonNull(v, "outbox_overflow");
            return this;
        }

        /** {@code wan_ok_server}: host:port of the DNS server asked by wanOk(). */
        public Builder wanOkServer(String v) {
            Server s = parseServer("wan_ok_server", v == null ? "" : v.trim());
            check("wan_ok_server", v, !s.host().isEmpty(), "host[:port]");
            wanOkServer = v.trim();
            return this;
        }

        public MqttConfig build() {
            return new MqttConfig(this);
        }
    }
}
