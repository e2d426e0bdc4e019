/*
 * Metatype of PID io.mqttas.watchdog (the Kura web UI is generated from it). Method names map to keys
 * by the OSGi rules: "_" becomes ".", "__" becomes "_" (so interface__name() is key interface_name).
 */
package io.mqttas.watchdog.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = NetworkLinkComponent.PID, name = "mqttas network watchdog",
        description = "Watches the network link under the MQTT clients (mqtt_as's WiFi layer): link up/down, "
                + "the 5 s stability check, optional link cycling and the wan_ok DNS probe.")
public @interface WatchdogConfig {

    @AttributeDefinition(name = "interface_name", required = false,
            description = "Interface to watch, e.g. eth0 or wlan0. Empty: any non-loopback interface that is up "
                    + "and has a routable address.")
    String interface__name() default "";

    @AttributeDefinition(name = "ssid", required = false,
            description = "mqtt_as's WiFi network name. Kura (or the OS) joins WiFi networks itself, so this does not "
                    + "join anything: when interface_name is empty, a non-empty ssid restricts watching to WLAN "
                    + "interfaces (wl*, or Kura's WIFI type).")
    String ssid() default "";

    @AttributeDefinition(name = "wifi_pw", type = AttributeType.PASSWORD, required = false,
            description = "mqtt_as's WiFi password. Accepted for compatibility and never used or logged: Kura manages "
                    + "WiFi credentials in its own network configuration.")
    String wifi__pw() default "";

    @AttributeDefinition(name = "source", description = "Where interface states come from: auto = Kura's "
            + "NetworkStatusService when present, else the JVM; jvm = always java.net.NetworkInterface.",
            options = { @Option(label = "auto", value = "auto"), @Option(label = "jvm", value = "jvm") })
    String source() default "auto";

    @AttributeDefinition(name = "poll_interval_ms", min = "10", max = "60000",
            description = "How often the link is checked (the original checked once a second).")
    int poll__interval__ms() default 1000;

    @AttributeDefinition(name = "stable_s", min = "0", max = "300",
            description = "Stability check: the link must have stayed up this long before a (re)connection "
                    + "(the original's 5 s; connect(quick) skips it on the first connection).")
    int stable__s() default 5;

    @AttributeDefinition(name = "cycle_link", description = "Take the link down and up after each outage, as the "
            + "original did with WiFi. Off by default: on a gateway the OS or Kura manages the network and cycling "
            + "it disturbs every other user of the interface. Needs interface_name.")
    boolean cycle__link() default false;

    @AttributeDefinition(name = "cycle_down_command", description = "Command that takes the link down "
            + "({interface} is replaced by interface_name; split on blanks, no shell).")
    String cycle__down__command() default "nmcli device disconnect {interface}";

    @AttributeDefinition(name = "cycle_up_command", description = "Command that brings the link up again.")
    String cycle__up__command() default "nmcli device connect {interface}";

    @AttributeDefinition(name = "cycle_down_time_ms", min = "0", max = "60000",
            description = "Down time between the two commands (the original's 1 s).")
    int cycle__down__time__ms() default 1000;

    @AttributeDefinition(name = "command_timeout_s", min = "1", max = "600",
            description = "Deadline of each cycling command; a command still running then is killed.")
    int command__timeout__s() default 30;

    @AttributeDefinition(name = "wan_dns_server", description = "IP address of the DNS server wan_ok() asks "
            + "(the original's 8.8.8.8).")
    String wan__dns__server() default "8.8.8.8";

    @AttributeDefinition(name = "wan_dns_port", min = "1", max = "65535", description = "UDP port of that server.")
    int wan__dns__port() default 53;

    @AttributeDefinition(name = "wan_dns_name", description = "Name wan_ok() queries (type A).")
    String wan__dns__name() default "www.google.com";

    @AttributeDefinition(name = "wan_timeout_ms", min = "1", max = "60000",
            description = "How long wan_ok() waits for the answer.")
    int wan__timeout__ms() default 3000;
}
