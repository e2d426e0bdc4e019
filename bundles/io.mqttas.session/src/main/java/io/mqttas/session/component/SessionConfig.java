/*
 * DESIGN.md §5, spec/mqtt_as.md §2: the metatype of factory PID io.mqttas.session — every config dict key
 * with the original's default, its range and what it does; the Kura web UI is generated from it.
 * Method names map to keys by the OSGi rules: "__" becomes "_", a single "_" becomes "." (so
 * client__id() is client_id and ssl__params_server__hostname() is ssl_params.server_hostname).
 * Defaults must equal MqttConfig's (SessionConfigDefaultsTest checks it).
 */
package io.mqttas.session.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = SessionComponent.PID, name = "mqttas MQTT client",
        description = "A resilient MQTT 3.1.1 client (Java port of mqtt_as), one per configuration. Keys are the "
                + "original's config dict keys; empty text fields mean 'not set' (the default applies).")
public @interface SessionConfig {

    @AttributeDefinition(name = "client_id", required = false,
            description = "MQTT client identifier. Empty: mqttas- and 16 hex digits derived from the machine id and this "
                    + "configuration's PID (unique per machine and configuration; the original used the chip id).")
    String client__id() default "";

    @AttributeDefinition(name = "server", description = "Broker host name or IP address (required), or a URL: mqtt://, mqtts://, "
            + "ws:// or wss://host[:port][/path] (WebSocket, subprotocol mqtt; ports default to 1883, 8883, 80, 443).")
    String server();

    @AttributeDefinition(name = "servers", required = false, cardinality = 16,
            description = "Further brokers tried in turn after server (host[:port] or a URL as for server); our extension for fail-over.")
    String[] servers() default {};

    @AttributeDefinition(name = "port", min = "0", max = "65535",
            description = "Broker port; 0 = 1883, or 8883 with ssl.")
    int port() default 0;

    @AttributeDefinition(name = "user", required = false,
            description = "User name. If empty no credentials are sent, even if a password is set.")
    String user() default "";

    @AttributeDefinition(name = "password", type = AttributeType.PASSWORD, required = false,
            description = "Password, sent only when user is set. Never logged.")
    String password() default "";

    @AttributeDefinition(name = "keepalive", min = "0", max = "65535",
            description = "Keep-alive seconds written into CONNECT (0 = off). The ping period is keepalive/4 "
                    + "(20 s for 0); the broker is declared dead after 4 silent ping periods.")
    int keepalive() default 60;

    @AttributeDefinition(name = "ping_interval", min = "0", max = "65535",
            description = "Shorter ping period in seconds; used only when non-zero and shorter than keepalive/4.")
    double ping__interval() default 0;

    @AttributeDefinition(name = "ssl", description = "Use TLS (changes the default port to 8883).")
    boolean ssl() default false;

    @AttributeDefinition(name = "ssl_params.keystore_service_pid", required = false,
            description = "kura.service.pid of a Kura keystore (Security → Keystore Configuration, e.g. SSLKeystore) whose "
                    + "trusted certificates and key pair TLS uses instead of ca_certs/certfile/keyfile. Kura only.")
    String ssl__params_keystore__service__pid() default "";

    @AttributeDefinition(name = "ssl_params.server_hostname", required = false,
            description = "TLS server name (SNI) and the name checked in the certificate; empty = server.")
    String ssl__params_server__hostname() default "";

    @AttributeDefinition(name = "ssl_params.ca_certs", required = false,
            description = "PEM file of trusted CA certificates; empty = the JVM's trust store.")
    String ssl__params_ca__certs() default "";

    @AttributeDefinition(name = "ssl_params.certfile", required = false,
            description = "PEM client certificate (mutual TLS).")
    String ssl__params_certfile() default "";

    @AttributeDefinition(name = "ssl_params.keyfile", required = false,
            description = "PEM private key of the client certificate.")
    String ssl__params_keyfile() default "";

    @AttributeDefinition(name = "ssl_params.key_password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the private key. Never logged.")
    String ssl__params_key__password() default "";

    @AttributeDefinition(name = "ssl_params.cert_reqs", required = false,
            description = "Certificate check: CERT_REQUIRED (default when empty), CERT_OPTIONAL or CERT_NONE (tests only).",
            options = { @Option(label = "(default)", value = ""), @Option(label = "CERT_REQUIRED", value = "CERT_REQUIRED"),
                @Option(label = "CERT_OPTIONAL", value = "CERT_OPTIONAL"), @Option(label = "CERT_NONE", value = "CERT_NONE") })
    String ssl__params_cert__reqs() default "";

    @AttributeDefinition(name = "response_time", min = "0.001", max = "3600",
            description = "Seconds: the one timeout for socket stalls, PUBACK before a DUP re-send, SUBACK/UNSUBACK "
                    + "and broker_up.")
    double response__time() default 10;

    @AttributeDefinition(name = "clean_init", description = "Clean session on the first connection after start "
            + "(only consulted when clean is false: discard a stale session once, then keep a persistent one).")
    boolean clean__init() default true;

    @AttributeDefinition(name = "clean", description = "Clean session flag on every reconnection.")
    boolean clean() default true;

    @AttributeDefinition(name = "max_repubs", min = "0", max = "1000",
            description = "DUP re-sends of an unacknowledged QoS 1 publication within one connection before the "
                    + "link is declared dead.")
    int max__repubs() default 4;

    @AttributeDefinition(name = "will", required = false, cardinality = 4,
            description = "Last will as {topic, message, retain, qos}; empty topic = no will. qos 0 or 1.")
    String[] will() default { "", "", "false", "0" };

    @AttributeDefinition(name = "queue_len", min = "0", max = "1000000",
            description = "0 = callback interface; N > 0 = event interface with a queue of N messages (oldest dropped when full).")
    int queue__len() default 0;

    @AttributeDefinition(name = "ssid", required = false,
            description = "mqtt_as's WiFi network name: accepted, unused here (the OS/Kura joins WiFi; configure the "
                    + "watchdog, PID io.mqttas.watchdog, to watch the WLAN link).")
    String ssid() default "";

    @AttributeDefinition(name = "wifi_pw", type = AttributeType.PASSWORD, required = false,
            description = "mqtt_as's WiFi password: accepted, never used or logged (Kura manages WiFi credentials).")
    String wifi__pw() default "";

    // ---- MQTT 5.0 (issue 13); further CONNECT properties as mqttv5_con_props.<name-or-id> in the configuration ----
    @AttributeDefinition(name = "mqttv5", description = "Speak MQTT 5.0 instead of 3.1.1 (properties, reason codes, session expiry).")
    boolean mqttv5() default false;

    @AttributeDefinition(name = "mqttv5_con_props.session_expiry_interval", required = false,
            description = "MQTT 5.0 Session Expiry Interval in seconds (with clean=false: how long the broker keeps the session "
                    + "after a connection ends; empty = 0, the session ends with the connection).")
    String mqttv5__con__props_session__expiry__interval() default "";

    @AttributeDefinition(name = "max_inflight", min = "1", max = "65535",
            description = "QoS 1 publications awaiting PUBACK at once; more wait their turn.")
    int max__inflight() default 20;

    @AttributeDefinition(name = "max_queued", min = "1", max = "10000000",
            description = "Operations the client holds (waiting for a connection or an acknowledgement); more fail at once.")
    int max__queued() default 10_000;

    @AttributeDefinition(name = "max_queued_bytes", min = "65536", max = "1099511627776",
            description = "Bytes of packets the client holds (waiting or in flight); more fail at once.")
    long max__queued__bytes() default 16L * 1024 * 1024;

    @AttributeDefinition(name = "max_attempts", min = "0", max = "1000",
            description = "Lost connections an operation may cause while it is the only one unacknowledged before it is "
                    + "given up (a message the broker refuses by dropping the connection); 0 = never give up.")
    int max__attempts() default 5;

    @AttributeDefinition(name = "inbound_queue_len", min = "1", max = "1000000",
            description = "Received messages that may wait for the application. Full: the client stops reading until "
                    + "half are taken (the broker's limits decide what waits or is dropped meanwhile).")
    int inbound__queue__len() default 1000;

    @AttributeDefinition(name = "inbound_queue_bytes", min = "65536", max = "2147483648",
            description = "Bytes of received messages that may wait for the application.")
    long inbound__queue__bytes() default 8L * 1024 * 1024;

    @AttributeDefinition(name = "resubscribe",
            description = "Subscribe again to the current subscriptions when a connection comes up without a session.")
    boolean resubscribe() default true;

    @AttributeDefinition(name = "socket_send_buffer", min = "0", max = "16777216",
            description = "Socket send buffer in bytes (0 = the OS default). Small keeps acknowledgement deadlines honest on "
                    + "slow links; large helps throughput on long fat links.")
    int socket__send__buffer() default 16 * 1024;

    @AttributeDefinition(name = "reconnect_delay_min", min = "0", max = "3600",
            description = "Seconds before the first reconnection attempt after an outage.")
    double reconnect__delay__min() default 0.5;

    @AttributeDefinition(name = "reconnect_delay_max", min = "0", max = "86400",
            description = "Upper bound in seconds of the doubling reconnection delay.")
    double reconnect__delay__max() default 1;

    @AttributeDefinition(name = "reconnect_jitter", min = "0", max = "1",
            description = "Fraction of each reconnection delay that is randomised (fleets must not reconnect in lock-step).")
    double reconnect__jitter() default 0.5;

    @AttributeDefinition(name = "stability_time", min = "0", max = "600",
            description = "Seconds the network link must stay up before a (re)connection (the original's 5 s check).")
    double stability__time() default 5;

    @AttributeDefinition(name = "max_packet_size", min = "64", max = "268435460",
            description = "Largest MQTT packet accepted or sent, in bytes.")
    int max__packet__size() default 2 * 1024 * 1024;

    @AttributeDefinition(name = "outbox", required = false,
            description = "Directory of the durable outbox: QoS 1 publications are journaled there until acknowledged, "
                    + "so they survive a reconfiguration, a bundle update or a reboot. Empty = off.")
    String outbox() default "";

    @AttributeDefinition(name = "outbox_max_bytes", min = "4096", max = "1099511627776",
            description = "Size bound of the outbox journal in bytes.")
    long outbox__max__bytes() default 16L * 1024 * 1024;

    @AttributeDefinition(name = "outbox_overflow", description = "What a full outbox does with a new publication.",
            options = { @Option(label = "drop_oldest", value = "drop_oldest"), @Option(label = "reject", value = "reject") })
    String outbox__overflow() default "drop_oldest";

    @AttributeDefinition(name = "wan_ok_server", description = "host:port of the DNS server wan_ok() asks.")
    String wan__ok__server() default "8.8.8.8:53";

    @AttributeDefinition(name = "websocket_path", description = "HTTP path of the WebSocket upgrade for ws:// and wss:// servers "
            + "whose URL names none.")
    String websocket__path() default "/mqtt";

    @AttributeDefinition(name = "websocket_proxy", required = false, description = "host:port of an HTTP proxy (CONNECT) for ws:// "
            + "and wss://. Empty: connect directly, whatever the JVM's proxy settings.")
    String websocket__proxy() default "";
}
