/* spec/bridge.md §4.3: the INIT record (16 fields as pb_link, 17 with the time server as V0.1). */
package io.mqttas.bridge.internal;

import java.util.List;
import java.util.Map;

/**
 * The host's configuration. WiFi fields are accepted and ignored (network selection is the
 * gateway's job, spec §12); {@code fast} and {@code debug} are ESP8266 knobs, kept for logs.
 * {@link #toString()} never shows passwords.
 */
public record InitRecord(String ssid, String wifiPassword, String broker, String user, String password,
        Map<String, String> sslParams, boolean useDefaultNet, int port, boolean ssl, boolean fast, int keepalive,
        boolean debug, boolean cleanSession, int maxRepubs, int responseTime, int pingInterval, String timeServer) {

    public static InitRecord parse(List<String> f) throws InvalidRecordException {
        Fields.expectCount(f, "init", 17, 18);
        String broker = f.get(3);
        if (broker.isBlank()) {
            throw InvalidRecordException.field("broker", broker, "must not be empty");
        }
        return new InitRecord(f.get(1), f.get(2), broker, f.get(4), f.get(5), SslParams.parse(f.get(6)),
                Fields.flag("use_default_net", f.get(7)),
                Fields.integer("port", f.get(8), 0, 65535),
                Fields.flag("ssl", f.get(9)),
                Fields.flag("fast", f.get(10)),
                Fields.integer("keepalive", f.get(11), 0, 65535),
                Fields.flag("debug", f.get(12)),
                Fields.flag("clean_session", f.get(13)),
                Fields.integer("max_repubs", f.get(14), 0, 1000),
                Fields.integer("response_time", f.get(15), 1, 3600),
                Fields.integer("ping_interval", f.get(16), 0, 65535),
                f.size() > 17 ? f.get(17) : "pool.ntp.org");
    }

    /** The broker port: 0 means 1883, or 8883 with SSL (spec §4.3 field 8). */
    public int effectivePort() {
        return port != 0 ? port : ssl ? 8883 : 1883;
    }

    @Override
    public String toString() {
        return "INIT[broker=" + broker + ":" + effectivePort() + ", user=" + user + ", ssl=" + ssl + ", keepalive="
                + keepalive + ", clean=" + cleanSession + ", max_repubs=" + maxRepubs + ", response_time="
                + responseTime + ", ping_interval=" + pingInterval + ", ssid=" + ssid + ", use_default_net="
                + useDefaultNet + "]";
    }
}
