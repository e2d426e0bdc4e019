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

    // Raspberry Pi defaults (BCM numbers = Kura terminals there), clear of the UART (14/15), I2C (2/3),
    // SPI0 (7-11) and the HAT EEPROM (0/1); see docs/bridge.md "Wiring".
    @AttributeDefinition(name = "pin_clock_in", description = "GPIO (Kura name, or terminal number) wired to the "
            + "host's sckout (ESP8266 GPIO12). Default: Raspberry Pi BCM 17 (header pin 11).")
    String pin__clock__in() default "17";

    @AttributeDefinition(name = "pin_data_in", description = "GPIO wired to the host's stx (ESP8266 GPIO13). "
            + "Default: BCM 27 (pin 13).")
    String pin__data__in() default "27";

    @AttributeDefinition(name = "pin_data_out", description = "GPIO wired to the host's srx (ESP8266 GPIO14). "
            + "Default: BCM 22 (pin 15).")
    String pin__data__out() default "22";

    @AttributeDefinition(name = "pin_clock_out", description = "GPIO wired to the host's sckin (ESP8266 GPIO15); "
            + "needs a pull-down (about 10 kOhm) so the host reads 0 while the gateway is down. Default: BCM 23 "
            + "(pin 16), pulled down by the Pi at power-up.")
    String pin__clock__out() default "23";

    @AttributeDefinition(name = "pin_reset_in", required = false, description = "GPIO wired to the host's reset "
            + "output (open drain): needs an external pull-up (10 kOhm to 3.3 V). Empty = no reset wire (then set "
            + "link_timeout_ms below 1000). Default: BCM 5 (pin 29), pulled up by the Pi at power-up.")
    String pin__reset__in() default "5";

    @AttributeDefinition(name = "pin_reset_out", required = false, description = "Optional GPIO wired to the "
            + "host's own reset (RUN/RST): pulsed low for 100 ms when the bridge starts, so a host that gave up "
            + "waiting for the gateway starts over. Open drain. Empty = none. Suggested: BCM 6 (pin 31).")
    String pin__reset__out() default "";

    @AttributeDefinition(name = "serial_device", description = "Serial device for transport=serial; a stable name "
            + "such as /dev/serial/by-id/usb-... for USB adapters (resolved again at every open), /dev/serial0 for "
            + "the Raspberry Pi's UART on BCM 14/15.")
    String serial__device() default "/dev/serial0";

    @AttributeDefinition(name = "serial_baud", min = "300", max = "4000000", description = "Serial speed (8N1).")
    int serial__baud() default 115200;

    @AttributeDefinition(name = "serial_heartbeat_ms", min = "0", max = "60000", description = "transport=serial: "
            + "send one NUL (idle) to the host when nothing else was sent for this long, so the host knows the "
            + "gateway lives (0 = never; the host module in features/bridge-host needs it).")
    int serial__heartbeat__ms() default 1000;

    @AttributeDefinition(name = "serial_idle_timeout_s", min = "0", max = "3600", description = "transport=serial: "
            + "end the host's session when nothing (not even its idle NULs) came for this long, so the broker "
            + "publishes its will while it is dead (0 = never: for hosts that send nothing when idle).")
    int serial__idle__timeout__s() default 10;

    @AttributeDefinition(name = "serial_reopen_max_s", min = "1", max = "3600", description = "transport=serial: "
            + "re-opening a device that failed or went away starts after 1 s and doubles up to this.")
    int serial__reopen__max__s() default 30;

    @AttributeDefinition(name = "link_timeout_ms", min = "0", max = "600000", description = "SynCom: restart the "
            + "link when the host's clock stops this long mid-stream (0 = never, as the original).")
    int link__timeout__ms() default 5000;

    @AttributeDefinition(name = "idle_wait_us", min = "1", max = "100000", description = "SynCom: how long the "
            + "link thread sleeps between polls while the host clocks.")
    int idle__wait__us() default 50;

    @AttributeDefinition(name = "idle_max_wait_ms", min = "0", max = "50", description = "SynCom: once the host's "
            + "clock has been idle for 10 ms the poll pause doubles up to this (at most 50, so the host's 100 ms "
            + "reset pulse is always seen).")
    int idle__max__wait__ms() default 20;

    @AttributeDefinition(name = "max_message_length", min = "64", max = "1048576", description = "Longest record "
            + "accepted from or sent to the host, in characters; a longer one from the host is answered with "
            + "t|6 if the host waits for an answer, a longer broker message is dropped (logged, counted).")
    int max__message__length() default 4096;

    @AttributeDefinition(name = "tx_queue_len", min = "1", max = "100000", description = "Broker messages waiting "
            + "for the host before new ones are dropped (statuses may use as many again).")
    int tx__queue__len() default 64;

    @AttributeDefinition(name = "rx_queue_len", min = "1", max = "100000", description = "Host records waiting "
            + "for the command processor; records the host waits an answer for (and subscriptions) may use as many "
            + "again, beyond that they are answered at once (t|6, or i|0).")
    int rx__queue__len() default 64;

    @AttributeDefinition(name = "connect_timeout_s", min = "1", max = "3600", description = "Longest wait for one "
            + "broker connection attempt after INIT (then BROKER_FAIL, t|8, held back while the host repeats).")
    int connect__timeout__s() default 60;

    @AttributeDefinition(name = "reject_backoff_max_s", min = "1", max = "3600", description = "A host refused "
            + "again and again (bad INIT field or will, unreachable broker) gets the answer after 1 s, 2 s, ... up "
            + "to this, instead of resetting the bridge every 1.2 s.")
    int reject__backoff__max__s() default 60;

    @AttributeDefinition(name = "ntp_host", required = false, description = "SNTP server (host or host:port) for "
            + "the host's time requests; empty = the gateway's clock. No answer in time = 0 (time unknown).")
    String ntp__host() default "";

    @AttributeDefinition(name = "ntp_timeout_ms", min = "100", max = "10000", description = "Deadline of one SNTP "
            + "query, name lookup included.")
    int ntp__timeout__ms() default 2000;

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
