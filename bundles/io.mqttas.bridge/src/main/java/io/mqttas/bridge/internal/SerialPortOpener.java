/* Issue 5 item 2: the stream transport on a serial port (jSerialComm). */
package io.mqttas.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.fazecast.jSerialComm.SerialPort;

/**
 * Opens a serial device (8N1 at the configured speed, no flow control) with a short read timeout
 * so the reader thread can notice {@code close()}. Loaded only when a serial device is configured,
 * so the bundle runs without jSerialComm (optional import).
 */
public final class SerialPortOpener implements StreamLink.Opener {
    static final int READ_TIMEOUT_MS = 200;

    private final String device;
    private final int baud;

    public SerialPortOpener(String device, int baud) {
        this.device = device;
        this.baud = baud;
    }

    @Override
    public StreamLink.Streams open() throws IOException {
        SerialPort port = SerialPort.getCommPort(device);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + device + " (error " + port.getLastErrorCode() + ")");
        }
        InputStream in = port.getInputStreamWithSuppressedTimeoutExceptions();
        OutputStream out = port.getOutputStream();
        return new StreamLink.Streams() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void close() {
                port.closePort();
            }
        };
    }

    @Override
    public String describe() {
        return device + "@" + baud;
    }
}
