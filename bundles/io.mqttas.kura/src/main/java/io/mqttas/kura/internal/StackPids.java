/*
 * Issue 10 item 1: the PIDs of one mqttas cloud connection, named the way Kura's
 * RawMqttCloudConnectionFactory names its stacks: an endpoint PID with an optional "-suffix", and the
 * DataService and transport PIDs with the same suffix.
 */
package io.mqttas.kura.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code io.mqttas.kura.CloudEndpoint[-x]} → {@code io.mqttas.kura.DataService[-x]}, {@code io.mqttas.kura.DataTransport[-x]}. */
public record StackPids(String endpoint, String dataService, String transport) {
    public static final String ENDPOINT = "io.mqttas.kura.CloudEndpoint";
    public static final String DATA_SERVICE = "io.mqttas.kura.DataService";
    public static final String TRANSPORT = "io.mqttas.kura.DataTransport";
    /** The UI's check of a new connection's PID (property kura.ui.csf.pid.regex). */
    public static final String REGEX = "^io\\.mqttas\\.kura\\.CloudEndpoint(-[a-zA-Z0-9]+)?$";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    /** The stack of endpoint {@code pid}, or null if the PID is not one of ours. */
    public static StackPids of(String pid) {
        Matcher m = pid == null ? null : PATTERN.matcher(pid);
        if (m == null || !m.matches()) {
            return null;
        }
        String suffix = m.group(1) == null ? "" : m.group(1);
        return new StackPids(pid, DATA_SERVICE + suffix, TRANSPORT + suffix);
    }

    public List<String> all() {
        return List.of(endpoint, dataService, transport);
    }
}
