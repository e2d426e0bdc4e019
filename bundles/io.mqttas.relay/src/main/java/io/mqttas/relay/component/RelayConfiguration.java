/*
 * spec/relay.md §10 and docs/relay.md: the metatype of PID io.mqttas.relay (Kura renders its web
 * form from it). Attribute names follow the OSGi mapping: "_" becomes ".", "__" becomes "_".
 * Defaults here equal RelayConfig's defaults.
 */
package io.mqttas.relay.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = RelayComponent.PID, name = "mqttas relay gateway",
        description = "Gateway for sleepy ESP-NOW-style nodes: publishes and subscribes on their behalf and holds their messages.")
public @interface RelayConfiguration {

    @AttributeDefinition(name = "MQTT client (target filter)",
            description = "LDAP filter selecting the io.mqttas.session MqttClient service to use, e.g. (client_id=gateway).")
    String client_target() default "(objectClass=io.mqttas.session.MqttClient)";

    @AttributeDefinition(name = "debug", description = "Publish the extra debug status reports of the original.")
    boolean debug() default false;

    @AttributeDefinition(name = "qlen", min = "2", max = "10000",
            description = "Per-node ring size; a node holds qlen - 1 messages, the oldest dropped on overflow.")
    int qlen() default 10;

    @AttributeDefinition(name = "lpmode",
            description = "Low-power mode: queue every message until the node polls. False pushes to nodes with empty queues.")
    boolean lpmode() default true;

    @AttributeDefinition(name = "pub_all", cardinality = 2,
            description = "All-nodes topic {topic, qos}: a message there goes to every known node.")
    String[] pub__all() default {"allnodes", "1"};

    @AttributeDefinition(name = "errors", cardinality = 3, required = false,
            description = "Error reports {topic, retain, qos}; empty switches them off.")
    String[] errors() default {"gw_errors", "false", "1"};

    @AttributeDefinition(name = "status", cardinality = 3, required = false,
            description = "Status reports {topic, retain, qos}; empty switches them off.")
    String[] status() default {"gw_status", "false", "0"};

    @AttributeDefinition(name = "statreq", cardinality = 2, required = false,
            description = "Status-request topic {topic, qos}: any message there makes the gateway publish a status report.")
    String[] statreq() default {"gw_query", "0"};

    @AttributeDefinition(name = "ntp_host", required = false,
            description = "Accepted for gwconfig compatibility; the host's clock (kept by the OS) stamps reports.")
    String ntp__host() default "";

    @AttributeDefinition(name = "ntp_offset", min = "-12", max = "14",
            description = "Hours added to UTC in report time stamps.")
    int ntp__offset() default 1;

    @AttributeDefinition(name = "pubq_len", min = "2", max = "100000",
            description = "Publication queue shared by all nodes; holds pubq_len - 1 node publications (BAD when full).")
    int pubq__len() default 100;

    @AttributeDefinition(name = "pubq_node_max", min = "1", max = "99999",
            description = "Most places one node may hold in the publication queue (BAD beyond): one flooding node cannot "
                    + "make the others get BAD. 9 gives a lone node the original's replies.")
    int pubq__node__max() default 9;

    @AttributeDefinition(name = "pubq_nak", min = "0", max = "99999",
            description = "Reply NAK instead of ACK when more than this many publications are queued.")
    int pubq__nak() default 5;

    @AttributeDefinition(name = "node_rate", min = "0", max = "100000",
            description = "Frames per second one node may send (0 = no limit); over it a publication gets BAD, other "
                    + "frames are dropped.")
    int node__rate() default 20;

    @AttributeDefinition(name = "node_burst", min = "1", max = "100000",
            description = "Frames a node may send at once before node_rate applies.")
    int node__burst() default 40;

    @AttributeDefinition(name = "max_topics", min = "1", max = "1000000",
            description = "Most topics in the topic table (each a broker subscription); further subscriptions are "
                    + "refused and reported.")
    int max__topics() default 1000;

    @AttributeDefinition(name = "awake_window_ms", min = "0", max = "60000",
            description = "lpmode=false over UDP (no delivery acknowledgement): push only to nodes heard this recently, "
                    + "queue for the others.")
    int awake__window__ms() default 150;

    @AttributeDefinition(name = "max_nodes", min = "1", max = "1000000",
            description = "Most nodes the gateway learns; frames from further nodes are counted and ignored.")
    int max__nodes() default 1000;

    @AttributeDefinition(name = "max_reports", min = "1", max = "100000",
            description = "Most status/error reports waiting for the broker; further ones are only logged.")
    int max__reports() default 100;

    @AttributeDefinition(name = "max_frame", min = "16", max = "1470",
            description = "Largest frame in either direction (ESP-NOW: 250).")
    int max__frame() default 250;

    @AttributeDefinition(name = "wildcards",
            description = "Match broker messages against node subscriptions with MQTT wildcards (+, #). False = exact match, as the original.")
    boolean wildcards() default false;

    @AttributeDefinition(name = "persist_dir", required = false,
            description = "Directory where nodes, subscriptions, queued messages and pending publications are saved. Empty = no persistence.")
    String persist__dir() default "";

    @AttributeDefinition(name = "persist_interval_ms", min = "10", max = "3600000",
            description = "How often changed state is saved (and always on shutdown).")
    int persist__interval__ms() default 1000;

    @AttributeDefinition(name = "allowed_nodes", required = false, cardinality = 10000,
            description = "Node MACs (12 hex digits) allowed to use the gateway; empty = all. Others are counted and ignored.")
    String[] allowed__nodes() default {};

    @AttributeDefinition(name = "transport", options = {@Option(label = "UDP", value = "udp"),
            @Option(label = "Serial ESP-NOW modem", value = "serial")},
            description = "Radio: UDP datagrams or an ESP-NOW modem on a serial port (docs/relay-modem.md).")
    String transport() default "udp";

    @AttributeDefinition(name = "udp_host", description = "UDP listen address.")
    String udp__host() default "127.0.0.1";

    @AttributeDefinition(name = "udp_port", min = "0", max = "65535", description = "UDP listen port.")
    int udp__port() default 8266;

    @AttributeDefinition(name = "udp_mac", description = "Gateway identity (12 hex digits) sent with every UDP reply.")
    String udp__mac() default "02006d717474";

    @AttributeDefinition(name = "udp_channel", min = "0", max = "14", description = "Channel reported to nodes over UDP.")
    int udp__channel() default 1;

    @AttributeDefinition(name = "serial_port", description = "Serial port of the ESP-NOW modem.")
    String serial__port() default "/dev/ttyUSB0";

    @AttributeDefinition(name = "serial_baud", min = "1200", max = "4000000", description = "Serial baud rate.")
    int serial__baud() default 115200;

    @AttributeDefinition(name = "serial_channel", min = "0", max = "14",
            description = "Channel set on the modem after each of its boots; 0 = keep the modem's (ignored while the "
                    + "modem follows an access point).")
    int serial__channel() default 0;

    @AttributeDefinition(name = "serial_timeout_ms", min = "20", max = "10000",
            description = "Longest wait for the modem's answer to one request.")
    int serial__timeout__ms() default 300;
}
