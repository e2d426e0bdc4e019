/*
 * docs/relay-modem.md: opens the modem's serial port with jSerialComm, 8N1, no flow control. The
 * only class that touches jSerialComm, loaded only when transport=serial, so the bundle imports it
 * optionally. Reads time out every 200 ms (so the reader notices a close) and writes after 1 s
 * (so a port nobody drains fails the request instead of blocking it). Opening a port toggles
 * DTR/RTS, which resets most ESP32 boards: the transport waits for the modem's HELLO.
 */
package io.mqttas.relay.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/** A {@link ModemPort.Opener} for a serial device (path or name, e.g. /dev/ttyUSB0 or /dev/serial/by-id/…). */
public final class SerialModemPort implements ModemPort.Opener {
    private final String name;
    private final int baud;

    public SerialModemPort(String name, int baud) {
        this.name = name;
        this.baud = baud;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModemPort open() throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(name); // looked up at every opening: a replugged device may be a new node
        } catch (RuntimeException e) {
            throw new IOException("serial port " + name + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 200, 1_000);
        if (!port.openPort()) {
            throw new IOException("serial port " + name + " could not be opened (error " + port.getLastErrorCode()
                    + ")");
        }
        return ModemPort.of(port.getInputStream(), port.getOutputStream(), port::closePort);
    }
}
