/* spec/mqtt_as.md §2 (client_id) and issue 9 item 7: a default client id unique per machine and per configuration. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code mqttas-} followed by 16 hex digits of SHA-256 over the machine's identity and the
 * configuration's name: 23 characters, the length every MQTT 3.1.1 broker must accept. Two
 * configurations on one gateway get different ids; the same configuration keeps its id across
 * restarts. The original used the chip's unique id; the machine's identity here is, in order:
 * {@code /etc/machine-id} (systemd; regenerated per installation), {@code /var/lib/dbus/machine-id},
 * the hardware address of the first physical network interface (by name), the host name. Cloned
 * images that keep a copied machine-id must regenerate it ({@code systemd-machine-id-setup}) or set
 * {@code client_id}.
 */
public final class DefaultClientId {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultClientId.class);
    private static volatile String machine;

    private DefaultClientId() {
    }

    /** The default id for a configuration named {@code configurationName} (may be empty). */
    public static String of(String configurationName) {
        return of(machineIdentity(), configurationName == null ? "" : configurationName);
    }

    static String of(String machineIdentity, String configurationName) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(machineIdentity.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(configurationName.getBytes(StandardCharsets.UTF_8));
            return "mqttas-" + HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The machine's identity (read once per JVM). */
    static String machineIdentity() {
        String m = machine;
        if (m == null) {
            m = readIdentity();
            machine = m;
        }
        return m;
    }

    private static String readIdentity() {
        for (String file : new String[] {"/etc/machine-id", "/var/lib/dbus/machine-id"}) {
            try {
                String id = Files.readString(Path.of(file)).trim();
                if (!id.isEmpty()) {
                    return "machine-id:" + id;
                }
            } catch (java.io.IOException | RuntimeException e) {
                LOG.trace("{}: {}", file, e.toString());
            }
        }
        try {
            List<NetworkInterface> all = new ArrayList<>(Collections.list(NetworkInterface.getNetworkInterfaces()));
            all.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (NetworkInterface n : all) {
                byte[] mac = n.getHardwareAddress();
                if (!n.isLoopback() && !n.isVirtual() && mac != null && mac.length == 6 && (mac[0] & 2) == 0) {
                    return "mac:" + HexFormat.of().formatHex(mac);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.trace("network interfaces: {}", e.toString());
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (java.io.IOException | RuntimeException e) {
                host = "unknown";
            }
        }
        LOG.warn("no machine id or hardware address found: the default client_id is derived from the host name {}; "
                + "set client_id if several machines share it", host);
        return "host:" + host;
    }
}
