/*
 * docs/relay-modem.md: opens the modem's serial port with jSerialComm. The only class that touches
 * jSerialComm, loaded only when transport=serial, so the bundle imports it optionally.
 */
package io.mqttas.relay.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.time.Duration;

/** Builds a {@link ModemTransport} on a serial port: 8N1, reads time out every 200 ms so the reader can stop. */
public final class SerialModemPort {
    private SerialModemPort() {
    }

    public static ModemTransport open(String name, int baud, Duration requestTimeout, int channel)
            throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(name);
        } catch (RuntimeException e) {
            throw new IOException("serial port " + name + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        if (!port.openPort()) {
            throw new IOException("serial port " + name + " could not be opened (error " + port.getLastErrorCode()
                    + ")");
        }
        return new ModemTransport(port.getInputStream(), port.getOutputStream(), port::closePort, requestTimeout,
                channel);
    }
}
