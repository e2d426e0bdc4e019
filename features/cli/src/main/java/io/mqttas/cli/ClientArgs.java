/* issue 3 item 12: mosquitto_pub/mosquitto_sub-style connection flags, turned into an MqttConfig. */
package io.mqttas.cli;

import io.mqttas.session.MqttConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the flags shared by {@code pub} and {@code sub}: {@code -h -p -i -u -P -k -q -t -r -m -C -v},
 * {@code --will-topic --will-payload --will-qos --will-retain}, {@code --cafile --cert --key --insecure},
 * {@code -o key=value} for any config key, MQTT 5.0 ({@code -V 5|mqttv5|311|mqttv311}, {@code -x} session
 * expiry, {@code -D command property value}), {@code -L url}, {@code -F format}, and the command's own
 * extra flags ({@link V5Args}). Config keys go through
 * {@link MqttConfig#fromMap} so the same validation (naming key, value, range) applies.
 */
final class ClientArgs {
    /** A bad command line; the message says what is wrong. */
    static final class BadArgs extends Exception {
        private static final long serialVersionUID = 1L;

        BadArgs(String message) {
            super(message);
        }
    }

    final Map<String, Object> config = new LinkedHashMap<>();
    final List<String> topics = new ArrayList<>();
    final Map<String, String> extra = new LinkedHashMap<>();
    String message;
    int qos;
    boolean retain;
    boolean verbose;
    int count = -1;
    private String willTopic;
    private String willPayload = "";
    private String willQos = "0";
    private boolean willRetain;
    /** MQTT 5.0 flags: -V, -x, -D; -L; -F. */
    final V5Args v5 = new V5Args();

    /** Parses {@code args}; {@code extraWithValue} are the command's own flags taking a value. */
    static ClientArgs parse(List<String> args, List<String> extraWithValue) throws BadArgs {
        ClientArgs a = new ClientArgs();
        a.config.put("server", "localhost");
        a.config.put("client_id", "mqttas-cli-" + ProcessHandle.current().pid());
        for (int i = 0; i < args.size(); i++) {
            String f = args.get(i);
            switch (f) {
                case "-h", "--host" -> a.config.put("server", value(args, ++i, f));
                case "-p", "--port" -> a.config.put("port", value(args, ++i, f));
                case "-i", "--id" -> a.config.put("client_id", value(args, ++i, f));
                case "-u", "--username" -> a.config.put("user", value(args, ++i, f));
                case "-P", "--pw" -> a.config.put("password", value(args, ++i, f));
                case "-k", "--keepalive" -> a.config.put("keepalive", value(args, ++i, f));
                case "-q", "--qos" -> a.qos = qos(value(args, ++i, f), f);
                case "-t", "--topic" -> a.topics.add(value(args, ++i, f));
                case "-m", "--message" -> a.message = value(args, ++i, f);
                case "-r", "--retain" -> a.retain = true;
                case "-v", "--verbose" -> a.verbose = true;
                case "-C" -> a.count = number(value(args, ++i, f), f);
                case "-c", "--disable-clean-session" -> a.config.put("clean", false);
                case "--will-topic" -> a.willTopic = value(args, ++i, f);
                case "--will-payload" -> a.willPayload = value(args, ++i, f);
                case "--will-qos" -> a.willQos = Integer.toString(qos(value(args, ++i, f), f));
                case "--will-retain" -> a.willRetain = true;
                case "--cafile" -> {
                    a.config.put("ssl", true);
                    a.config.put("ssl_params.ca_certs", value(args, ++i, f));
                }
                case "--cert" -> {
                    a.config.put("ssl", true);
                    a.config.put("ssl_params.cert", value(args, ++i, f));
                }
                case "--key" -> {
                    a.config.put("ssl", true);
                    a.config.put("ssl_params.key", value(args, ++i, f));
                }
                case "--insecure" -> a.config.put("ssl_params.check_hostname", "false");
                case "-V", "--protocol-version" -> a.v5.version(value(args, ++i, f));
                case "-x", "--session-expiry-interval" -> a.v5.sessionExpiry(value(args, ++i, f));
                case "-D", "--property" -> {
                    String command = value(args, ++i, f);
                    String name = value(args, ++i, f);
                    String v = value(args, ++i, f);
                    String second = V5Args.isUserProperty(name) ? value(args, ++i, f) : null;
                    a.v5.property(command, name, v, second);
                }
                case "-L", "--url" -> a.v5.url(value(args, ++i, f), a.config, a.topics);
                case "-F" -> a.v5.format = value(args, ++i, f);
                case "-o" -> {
                    String kv = value(args, ++i, f);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new BadArgs("-o needs key=value, got '" + kv + "'");
                    }
                    a.config.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> {
                    if (extraWithValue.contains(f)) {
                        a.extra.put(f, value(args, ++i, f));
                    } else {
                        throw new BadArgs("Unknown option '" + f + "'.");
                    }
                }
            }
        }
        if (a.willTopic != null) {
            a.config.put("will", new String[] {a.willTopic, a.willPayload, Boolean.toString(a.willRetain), a.willQos});
        }
        a.v5.applyTo(a.config);
        return a;
    }

    /** The client configuration; bad values are reported with the key, value and range. */
    MqttConfig.Builder builder() throws BadArgs {
        try {
            return MqttConfig.fromMap(config).toBuilder();
        } catch (IllegalArgumentException e) {
            throw new BadArgs(e.getMessage());
        }
    }

    int extraNumber(String flag, int dflt) throws BadArgs {
        String v = extra.get(flag);
        return v == null ? dflt : number(v, flag);
    }

    private static String value(List<String> args, int i, String flag) throws BadArgs {
        if (i >= args.size()) {
            throw new BadArgs("option " + flag + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String v, String flag) throws BadArgs {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadArgs("option " + flag + " needs a whole number >= 0, got '" + v + "'");
        }
    }

    private static int qos(String v, String flag) throws BadArgs {
        if (!v.equals("0") && !v.equals("1") && !v.equals("2")) {
            throw new BadArgs("Invalid QoS given: " + v);
        }
        return Integer.parseInt(v);
    }

    static void quietLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
