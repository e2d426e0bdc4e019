/* docs/relay.md "Radios": builds the configured radio transport (transport=udp or serial). */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.time.Duration;

/** Creates the radio of a {@link RelayConfig}. */
public final class Radios {
    private Radios() {
    }

    /** The radio; for serial, fails only when jSerialComm is missing (an absent modem is retried in the background). */
    public static RadioTransport create(RelayConfig c) throws IOException {
        if (c.transport().equals("udp")) {
            return new UdpTransport(c.udpHost(), c.udpPort(), c.udpMac(), c.udpChannel(), c.maxNodes());
        }
        if (!serialSupportInstalled()) {
            throw new IOException("transport=serial needs the jSerialComm bundle (com.fazecast.jSerialComm) installed");
        }
        return new ModemTransport(new SerialModemPort(c.serialPort(), c.serialBaud()),
                Duration.ofMillis(c.serialTimeoutMs()), c.serialChannel());
    }

    private static boolean serialSupportInstalled() {
        try {
            Class.forName("com.fazecast.jSerialComm.SerialPort", false, Radios.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
