/*
 * Issue 10 items 1–3: a transport configuration as Kura's ConfigurationService delivers it (metatype
 * TransportConfig), made into an MqttConfig. PASSWORD values arrive encrypted and are revealed by the
 * caller's CryptoService; the transport's own keys (timeout, account_name,
 * ssl_params.keystore_service_pid) are taken out before MqttConfig.fromMap sees the rest.
 */
package io.mqttas.kura.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import io.mqttas.session.InvalidConfigException;
import io.mqttas.session.MqttConfig;

/** The validated settings of one transport; {@link #idleReason()} is non-null when it cannot connect yet. */
public final class TransportSettings {
    static final Set<String> SECRETS = Set.of("password", "ssl_params.key_password");
    private static final Set<String> OWN = Set.of("timeout", "account_name", "ssl_params.keystore_service_pid");
    private static final Set<String> FRAMEWORK = Set.of("objectClass", "service.pid", "service.factoryPid", "component.name",
            "component.id", "felix.fileinstall.filename", "kura.service.pid", "service.bundleid", "service.scope",
            "service.id", "kura.ui.service.hide");

    private final Map<String, Object> dict;      // MqttConfig keys, secrets revealed
    private final Duration timeout;
    private final String accountName;
    private final String keystorePid;
    private final String idleReason;
    private final String brokerUrl;
    private final String clientId;
    private final String username;

    private TransportSettings(Map<String, Object> dict, Duration timeout, String accountName, String keystorePid,
            String idleReason, MqttConfig probe) {
        this.dict = dict;
        this.timeout = timeout;
        this.accountName = accountName;
        this.keystorePid = keystorePid;
        this.idleReason = idleReason;
        this.brokerUrl = probe == null ? "" : url(probe);
        this.clientId = probe == null ? "" : probe.clientId();
        this.username = probe == null ? "" : probe.user();
    }

    /** Kura's broker URL form; a server given as a URL (issue 13: mqtt, mqtts, ws, wss) keeps its scheme and path. */
    private static String url(MqttConfig probe) {
        MqttConfig.Server s = probe.servers().get(0);
        if (s.scheme() == null) {
            return (probe.ssl() ? "mqtts://" : "mqtt://") + s + "/";
        }
        return s.webSocket() ? s.toString() : s + "/";
    }

    /**
     * Reads component properties. A missing server gives idle settings; a bad value fails with
     * {@link InvalidConfigException} naming the key, the value and the allowed range.
     */
    public static TransportSettings of(Map<String, ?> properties, UnaryOperator<String> reveal) {
        Map<String, Object> dict = new TreeMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (v == null || FRAMEWORK.contains(key) || key.endsWith(".target") || key.startsWith("kura.")) {
                continue;
            }
            if (v.getClass().getName().equals("org.eclipse.kura.configuration.Password")) {
                v = String.valueOf(v);   // Kura's Password wrapper: its text is the stored (encrypted) value
            }
            if (v instanceof String s && s.isEmpty()) {
                continue;                // the metatype form sends "" for "not set"
            }
            if (v instanceof String[] a && !key.equals("will") && Arrays.stream(a).allMatch(x -> x == null || x.isBlank())) {
                continue;
            }
            if (SECRETS.contains(key)) {
                v = reveal.apply(String.valueOf(v));
            }
            dict.put(key, v);
        }
        int timeoutSeconds = integer(dict.remove("timeout"), "timeout", 20, 1, 3600);
        String account = Objects.toString(dict.remove("account_name"), "");
        String keystore = Objects.toString(dict.remove("ssl_params.keystore_service_pid"), "").trim();
        dict.remove("servers");   // re-added below only when set
        Object servers = properties.get("servers");
        if (servers instanceof String[] a && Arrays.stream(a).anyMatch(x -> x != null && !x.isBlank())) {
            dict.put("servers", Arrays.stream(a).filter(x -> x != null && !x.isBlank()).toArray(String[]::new));
        } else if (servers instanceof String s && !s.isBlank()) {
            dict.put("servers", s);
        }
        dict.putIfAbsent("reconnect_delay_max", 30.0);
        dict.put("queue_len", 0);          // the transport uses the callback interface
        dict.put("stability_time", 0.0);   // Kura manages the network; there is no link to wait for
        String idle = null;
        MqttConfig probe = null;
        if (!dict.containsKey("server") && !dict.containsKey("servers")) {
            idle = "server is not set (fill it in on the MqttasDataTransport tab of the cloud connection)";
        } else {
            probe = MqttConfig.fromMap(dict);      // validates every key now, naming the key on failure
        }
        return new TransportSettings(dict, Duration.ofSeconds(timeoutSeconds), account, keystore, idle, probe);
    }

    /** Settings that cannot connect, for {@code reason} (e.g. a rejected first configuration). */
    public static TransportSettings idle(String reason) {
        return new TransportSettings(new TreeMap<>(), Duration.ofSeconds(20), "", "", reason, null);
    }

    private static int integer(Object v, String key, int dflt, int min, int max) {
        if (v == null) {
            return dflt;
        }
        int n;
        try {
            n = v instanceof Number num ? num.intValue() : Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, v, min + ".." + max);
        }
        if (n < min || n > max) {
            throw new InvalidConfigException(key, v, min + ".." + max);
        }
        return n;
    }

    /** The client configuration; TLS material from a keystore replaces the PEM parameters where given. */
    public MqttConfig config(KeyManager[] keys, TrustManager[] trust) {
        return MqttConfig.fromMap(dict).toBuilder().tlsManagers(keys, trust).build();
    }

    /** mqtt://host:port/ (mqtts:// with ssl) of the first server; empty while idle. */
    public String brokerUrl() {
        return brokerUrl;
    }

    public String clientId() {
        return clientId;
    }

    public String username() {
        return username;
    }

    public String idleReason() {
        return idleReason;
    }

    public Duration timeout() {
        return timeout;
    }

    public String accountName() {
        return accountName;
    }

    /** The kura.service.pid of the KeystoreService to use, empty for none. */
    public String keystorePid() {
        return keystorePid;
    }

    public boolean ssl() {
        Object v = dict.get("ssl");
        return v != null && Boolean.parseBoolean(String.valueOf(v));
    }

    /** Same settings (secrets compared after revealing them). */
    public boolean sameAs(TransportSettings o) {
        if (o == null || !timeout.equals(o.timeout) || !accountName.equals(o.accountName) || !keystorePid.equals(o.keystorePid)
                || !dict.keySet().equals(o.dict.keySet())) {
            return false;
        }
        for (String k : dict.keySet()) {
            if (!Objects.deepEquals(dict.get(k), o.dict.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** For logs: every key, secrets as (set). */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : dict.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            Object v = e.getValue();
            b.append(e.getKey()).append('=').append(SECRETS.contains(e.getKey()) ? "(set)"
                    : v instanceof Object[] a ? Arrays.toString(a) : v);
        }
        if (!keystorePid.isEmpty()) {
            b.append(", ssl_params.keystore_service_pid=").append(keystorePid);
        }
        return b.append(", timeout=").append(timeout.toSeconds()).append(" s").toString();
    }
}
