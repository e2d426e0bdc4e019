/* The watchdog's configuration (PID io.mqttas.watchdog), validated. Keys are documented in docs/watchdog.md. */
package io.mqttas.watchdog.internal;

import java.time.Duration;
import java.util.List;

/**
 * {@code interfaceName} empty = any interface ({@code ssid} non-empty narrows "any" to WLAN
 * interfaces); commands may contain {@code {interface}}, replaced by the watched interface's name.
 */
public record WatchdogSettings(String interfaceName, String ssid, boolean useKura, Duration pollInterval, Duration stable,
        boolean cycleLink, String cycleDownCommand, String cycleUpCommand, Duration cycleDownTime, Duration commandTimeout,
        String wanDnsServer, int wanDnsPort, String wanDnsName, Duration wanTimeout) {

    public static final String DEFAULT_DOWN_COMMAND = "nmcli device disconnect {interface}";
    public static final String DEFAULT_UP_COMMAND = "nmcli device connect {interface}";

    public WatchdogSettings {
        interfaceName = interfaceName == null ? "" : interfaceName.trim();
        ssid = ssid == null ? "" : ssid.trim();
        requireBetween("poll_interval_ms", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(1));
        requireBetween("stable_s", stable, Duration.ZERO, Duration.ofMinutes(5));
        requireBetween("cycle_down_time_ms", cycleDownTime, Duration.ZERO, Duration.ofMinutes(1));
        requireBetween("wan_timeout_ms", wanTimeout, Duration.ofMillis(1), Duration.ofMinutes(1));
        requireBetween("command_timeout_s", commandTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
        if (wanDnsPort < 1 || wanDnsPort > 65535) {
            throw new IllegalArgumentException("wan_dns_port=" + wanDnsPort + ": allowed 1..65535");
        }
        if (wanDnsServer == null || wanDnsServer.isBlank()) {
            throw new IllegalArgumentException("wan_dns_server is empty: give the IP address of a DNS server");
        }
        DnsProbe.encodeName(wanDnsName);   // fails naming wan_dns_name if it is not a valid DNS name
    }

    /** The defaults of the metatype (docs/watchdog.md). */
    public static WatchdogSettings defaults() {
        return new WatchdogSettings("", "", true, Duration.ofSeconds(1), Duration.ofSeconds(5), false,
                DEFAULT_DOWN_COMMAND, DEFAULT_UP_COMMAND, Duration.ofSeconds(1), Duration.ofSeconds(30),
                "8.8.8.8", 53, "www.google.com", Duration.ofSeconds(3));
    }

    /** A copy watching {@code name} (tests and callers that build settings in code). */
    public WatchdogSettings withInterface(String name) {
        return new WatchdogSettings(name, ssid, useKura, pollInterval, stable, cycleLink, cycleDownCommand,
                cycleUpCommand, cycleDownTime, commandTimeout, wanDnsServer, wanDnsPort, wanDnsName, wanTimeout);
    }

    /** What is watched, e.g. "eth0", "any WLAN interface", "any interface". */
    public String target() {
        if (!interfaceName.isEmpty()) {
            return interfaceName;
        }
        return ssid.isEmpty() ? "any interface" : "any WLAN interface";
    }

    /** Whether {@code state} counts as the watched link being up. */
    public boolean selects(InterfaceState state) {
        if (!interfaceName.isEmpty()) {
            return interfaceName.equals(state.name());
        }
        return ssid.isEmpty() || state.wireless();
    }

    /** {@code template} split on blanks, with {@code {interface}} replaced. */
    public List<String> command(String template, String iface) {
        return List.of(template.trim().replace("{interface}", iface).split("\\s+"));
    }

    private static void requireBetween(String key, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + "=" + d + ": allowed " + min + ".." + max);
        }
    }

    /** Everything but secrets; the settings hold none ({@code wifi_pw} never reaches them). */
    @Override
    public String toString() {
        return "watch " + target() + (useKura ? " (Kura when present)" : " (JVM)") + ", poll " + pollInterval.toMillis()
                + " ms, stable " + stable.toSeconds() + " s, cycle_link " + cycleLink + ", wan probe " + wanDnsServer + ":"
                + wanDnsPort + " " + wanDnsName;
    }
}
