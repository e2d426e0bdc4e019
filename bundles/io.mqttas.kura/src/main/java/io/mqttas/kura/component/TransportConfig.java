/*
 * Issue 10 item 1, DESIGN.md §5: the metatype of factory PID io.mqttas.kura.MqttasDataTransport, the
 * "MqttasDataTransport" tab of an mqttas cloud connection in Kura's web UI. The MQTT keys are the
 * session's (docs/session.md) with defaults fit for Kura; timeout, account_name and
 * ssl_params.keystore_service_pid are the transport's own. Method names map to keys by the OSGi rules:
 * "__" becomes "_", a single "_" becomes ".".
 */
package io.mqttas.kura.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = MqttasDataTransport.PID, name = "MqttasDataTransport",
        description = "The MQTT connection of an mqttas cloud connection: Kura's DataService publishes through it. "
                + "Empty text fields mean 'not set'. See docs/kura.md.")
public @interface TransportConfig {

    @AttributeDefinition(name = "server", required = false,
            description = "Broker host name or IP address. Empty: the transport stays idle (and says so) until set.")
    String server() default "";

    @AttributeDefinition(name = "port", min = "0", max = "65535", description = "Broker port; 0 = 1883, or 8883 with ssl.")
    int port() default 0;

    @AttributeDefinition(name = "servers", required = false, cardinality = 16,
            description = "Further brokers tried in turn after server (host[:port]).")
    String[] servers() default {};

    @AttributeDefinition(name = "client_id", required = false,
            description = "MQTT client identifier. Empty: mqttas-<hash of the host name>.")
    String client__id() default "";

    @AttributeDefinition(name = "user", required = false,
            description = "User name. If empty no credentials are sent, even if a password is set.")
    String user() default "";

    @AttributeDefinition(name = "password", type = AttributeType.PASSWORD, required = false,
            description = "Password, sent only when user is set. Kura stores it encrypted; it is never logged.")
    String password() default "";

    @AttributeDefinition(name = "account_name", required = false,
            description = "Replaces #account-name in topics (Kura's topic.context.account-name); #client-id is replaced "
                    + "by the client identifier.")
    String account__name() default "";

    @AttributeDefinition(name = "keepalive", min = "0", max = "65535",
            description = "Keep-alive seconds written into CONNECT (0 = off); pings every keepalive/4.")
    int keepalive() default 60;

    @AttributeDefinition(name = "timeout", min = "1", max = "3600",
            description = "Seconds connect(), subscribe() and unsubscribe() wait before failing with a timeout.")
    int timeout() default 20;

    @AttributeDefinition(name = "clean", description = "Clean session flag on every connection.")
    boolean clean() default true;

    @AttributeDefinition(name = "will", required = false, cardinality = 4,
            description = "Last will as {topic, message, retain, qos}; empty topic = no will. qos 0 or 1.")
    String[] will() default { "", "", "false", "0" };

    @AttributeDefinition(name = "ssl", description = "Use TLS (changes the default port to 8883).")
    boolean ssl() default false;

    @AttributeDefinition(name = "ssl_params.keystore_service_pid", required = false,
            description = "kura.service.pid of a Kura keystore (Security → Keystore Configuration, e.g. SSLKeystore) whose "
                    + "trusted certificates and key pair are used for TLS, instead of the PEM files below.")
    String ssl__params_keystore__service__pid() default "";

    @AttributeDefinition(name = "ssl_params.server_hostname", required = false,
            description = "TLS server name (SNI) and the name checked in the certificate; empty = server.")
    String ssl__params_server__hostname() default "";

    @AttributeDefinition(name = "ssl_params.ca_certs", required = false,
            description = "PEM file of trusted CA certificates; empty = the keystore's, else the JVM's trust store.")
    String ssl__params_ca__certs() default "";

    @AttributeDefinition(name = "ssl_params.certfile", required = false, description = "PEM client certificate (mutual TLS).")
    String ssl__params_certfile() default "";

    @AttributeDefinition(name = "ssl_params.keyfile", required = false, description = "PEM private key of the client certificate.")
    String ssl__params_keyfile() default "";

    @AttributeDefinition(name = "ssl_params.key_password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the PEM private key. Never logged.")
    String ssl__params_key__password() default "";

    @AttributeDefinition(name = "ssl_params.cert_reqs", required = false,
            description = "Certificate check: CERT_REQUIRED (default when empty), CERT_OPTIONAL or CERT_NONE (tests only).",
            options = { @Option(label = "(default)", value = ""), @Option(label = "CERT_REQUIRED", value = "CERT_REQUIRED"),
                @Option(label = "CERT_OPTIONAL", value = "CERT_OPTIONAL"), @Option(label = "CERT_NONE", value = "CERT_NONE") })
    String ssl__params_cert__reqs() default "";

    @AttributeDefinition(name = "response_time", min = "0.001", max = "3600",
            description = "Seconds: socket stalls, PUBACK before a DUP re-send, and the keep-alive answer.")
    double response__time() default 10;

    @AttributeDefinition(name = "max_repubs", min = "0", max = "1000",
            description = "DUP re-sends of an unacknowledged QoS 1 publication before the link is declared dead.")
    int max__repubs() default 4;

    @AttributeDefinition(name = "max_inflight", min = "1", max = "65535",
            description = "QoS 1 publications awaiting PUBACK at once; more wait their turn (never "
                    + "KuraTooManyInflightMessagesException). Kura's DataService has its own in-flight limit.")
    int max__inflight() default 20;

    @AttributeDefinition(name = "reconnect_delay_min", min = "0", max = "3600",
            description = "Seconds before the first automatic reconnection after an outage.")
    double reconnect__delay__min() default 0.5;

    @AttributeDefinition(name = "reconnect_delay_max", min = "0", max = "86400",
            description = "Upper bound in seconds of the doubling reconnection delay (a broker refusing the "
                    + "credentials is asked at most this often).")
    double reconnect__delay__max() default 30;

    @AttributeDefinition(name = "reconnect_jitter", min = "0", max = "1",
            description = "Fraction of each reconnection delay that is randomised.")
    double reconnect__jitter() default 0.5;

    @AttributeDefinition(name = "max_packet_size", min = "64", max = "268435460",
            description = "Largest MQTT packet accepted or sent, in bytes.")
    int max__packet__size() default 2 * 1024 * 1024;
}
