/* DESIGN.md §5 and issue 5 item 6: the bridge's configuration keys (metatype for the Kura web UI). */
package io.mqttas.bridge.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Keys are snake_case as the rest of the project: a double underscore in a method name is an
 * underscore in the key, a single one is a dot ({@code client_target} → {@code client.target}, the
 * DS target filter of the {@code client} reference).
 */
@ObjectClassDefinition(id = BridgeComponent.PID, name = "mqttas MQTT bridge",
        description = "Plays the ESP8266's part of the MicroPython MQTT bridge for a board wired to this gateway "
                + "(SynCom over GPIO) or connected by a serial port. See docs/bridge.md.")
public @interface BridgeConfig {

    @AttributeDefinition(name = "name", description = "Name used in thread names, logs and bridge:status.")
    String name() default "bridge";

    @AttributeDefinition(name = "transport", description = "gpio: the five-wire SynCom link; serial: the same "
            + "records over a UART (NUL-terminated, DEL-separated).",
            options = {@Option(label = "gpio (SynCom)", value = "gpio"), @Option(label = "serial", value = "serial")})
    String transport() default "gpio";

    @AttributeDefinition(name = "pin_clock_in", description = "GPIO (Kura name, or terminal number) wired to the "
            + "host's sckout (ESP8266 GPIO12).")
    String pin__clock__in() default "12";

    @AttributeDefinition(name = "pin_data_in", description = "GPIO wired to the host's stx (ESP8266 GPIO13).")
    String pin__data__in() default "13";

    @AttributeDefinition(name = "pin_data_out", description = "GPIO wired to the host's srx (ESP8266 GPIO14).")
    String pin__data__out() default "14";

    @AttributeDefinition(name = "pin_clock_out", description = "GPIO wired to the host's sckin (ESP8266 GPIO15); "
            + "needs a pull-down (about 10 kOhm) so the host reads 0 while the gateway is down.")
    String pin__clock__out() default "15";

    @AttributeDefinition(name = "pin_reset_in", required = false, description = "GPIO wired to the host's reset "
            + "output (open drain; the pin gets a pull-up). Empty = no reset wire: set link_timeout_ms below 1000.")
    String pin__reset__in() default "";

    @AttributeDefinition(name = "serial_device", description = "Serial device for transport=serial.")
    String serial__device() default "/dev/ttyUSB0";

    @AttributeDefinition(name = "serial_baud", min = "300", max = "4000000", description = "Serial speed (8N1).")
    int serial__baud() default 115200;

    @AttributeDefinition(name = "link_timeout_ms", min = "0", max = "600000", description = "SynCom: restart the "
            + "link when the host's clock stops this long mid-stream (0 = never, as the original).")
    int link__timeout__ms() default 5000;

    @AttributeDefinition(name = "idle_wait_us", min = "1", max = "100000", description = "SynCom: how long the "
            + "link thread sleeps between polls of an idle clock input.")
    int idle__wait__us() default 50;

    @AttributeDefinition(name = "max_message_length", min = "64", max = "1048576", description = "Longest record "
            + "accepted from or sent to the host, in characters; longer ones are dropped with a log line "
            + "(incoming broker messages: status t|13).")
    int max__message__length() default 4096;

    @AttributeDefinition(name = "tx_queue_len", min = "1", max = "100000", description = "Broker messages waiting "
            + "for the host before new ones are dropped (statuses may use as many again).")
    int tx__queue__len() default 64;

    @AttributeDefinition(name = "rx_queue_len", min = "1", max = "100000", description = "Host records waiting "
            + "for the command processor before new ones are dropped.")
    int rx__queue__len() default 64;

    @AttributeDefinition(name = "connect_timeout_s", min = "1", max = "3600", description = "Longest wait for the "
            + "first broker connection after INIT before BROKER_FAIL (t|8).")
    int connect__timeout__s() default 60;

    @AttributeDefinition(name = "client_mode", description = "own: a client per host session, configured from "
            + "INIT/WILL (the original's behaviour); shared: use the MqttClient service selected by client.target.",
            options = {@Option(label = "own", value = "own"), @Option(label = "shared", value = "shared")})
    String client__mode() default "own";

    @AttributeDefinition(name = "client.target", description = "Filter selecting the shared MqttClient service, "
            + "e.g. (service.pid=io.mqttas.session.gw) or (client_id=gw).")
    String client_target() default "(service.pid=io.mqttas.bridge.no-shared-client)";

    @AttributeDefinition(name = "client_id", required = false, description = "MQTT client id of the own client "
            + "(empty: mqttas-bridge-NAME).")
    String client__id() default "";
}
