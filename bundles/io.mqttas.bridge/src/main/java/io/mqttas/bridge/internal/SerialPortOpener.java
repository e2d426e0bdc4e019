/* Issue 5 item 2 and issue 12 item 4: the stream transport on a serial port (jSerialComm), by stable names too. */
package io.mqttas.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fazecast.jSerialComm.SerialPort;

/**
 * Opens a serial device (8N1 at the configured speed, no flow control) with a short read timeout
 * so the reader thread can notice {@code close()}. The configured name may be a symbolic link —
 * {@code /dev/serial/by-id/usb-…} is the recommended form, because {@code /dev/ttyUSB0} can become
 * {@code ttyUSB1} after a re-plug — and is resolved again at every open. Loaded only when a serial
 * device is configured, so the bundle runs without jSerialComm (optional import).
 */
public final class SerialPortOpener implements StreamLink.Opener {
    private static final Logger LOG = LoggerFactory.getLogger(SerialPortOpener.class);
    static final int READ_TIMEOUT_MS = 200;

    private final String device;
    private final int baud;

    public SerialPortOpener(String device, int baud) {
        this.device = device;
        this.baud = baud;
    }

    @Override
    public StreamLink.Streams open() throws IOException {
        String real;
        try {
            real = Path.of(device).toRealPath().toString();
        } catch (NoSuchFileException e) {
            throw new IOException("serial device " + device + " is not present (unplugged?)");
        }
        SerialPort port = SerialPort.getCommPort(real);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + real + " (error " + port.getLastErrorCode() + ")");
        }
        if (!real.equals(device)) {
            LOG.info("serial device {} is {}", device, real);
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
