/*
 * Issue 14 item 4: failures reported as mosquitto_pub / mosquitto_sub 2.0 report them, so that scripts
 * written for those tools read ours the same way (docs/session.md "Command line").
 */
package io.mqttas.cli;

import io.mqttas.session.MqttConnectException;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Exit codes and messages:
 * <ul>
 * <li>bad arguments: {@code Error: <what>}, a blank line, {@code Use 'mqttas-cli <cmd> --help' to see usage.}; exit 1;</li>
 * <li>MQTT 5.0 refusal (CONNACK reason code ≥ 0x80): {@code Connection error: <reason>} (pub adds mosquitto's
 * {@code Error: A network protocol error occurred …}); exit status = the reason code (e.g. 135);</li>
 * <li>connection refused by the broker (CONNACK return code 1–5): {@code Connection error: Connection Refused: <reason>.}
 * (and, for pub, {@code Error: The connection was refused.}); exit status = the return code;</li>
 * <li>TCP connection refused: {@code Error: Connection refused}; exit 1;</li>
 * <li>host name not found: {@code Unable to connect (Lookup error.).}; exit 1;</li>
 * <li>other network errors (unreachable, timed out, TLS): {@code Error: <reason>}; exit 1.</li>
 * </ul>
 */
final class Failures {
    private Failures() {
    }

    /** Prints the usage error; returns the exit code. */
    static int badArgs(String command, String message, PrintStream err) {
        err.println("Error: " + message);
        err.println();
        err.println("Use 'mqttas-cli " + command + " --help' to see usage.");
        return Command.USAGE;
    }

    /** Prints why the first connection failed; returns the exit code. */
    static int connectFailed(String command, Throwable t, PrintStream err) {
        MqttConnectException c = find(t, MqttConnectException.class);
        if (c != null && c.returnCode() >= 0x80) {
            // MQTT 5.0: mosquitto prints libmosquitto's reason string and exits with the reason code
            err.println("Connection error: " + reasonText(c.returnCode()));
            if (command.equals("pub")) {
                err.println("Error: A network protocol error occurred when communicating with the broker.");
            }
            return c.returnCode();
        }
        if (c != null && c.returnCode() > 0) {
            err.println("Connection error: " + connackText(c.returnCode()));
            if (command.equals("pub")) {
                err.println("Error: The connection was refused.");
            }
            return c.returnCode();
        }
        if (find(t, UnknownHostException.class) != null) {
            err.println("Unable to connect (Lookup error.).");
        } else if (find(t, ConnectException.class) != null) {
            err.println("Error: Connection refused");
        } else if (find(t, SocketTimeoutException.class) != null) {
            err.println("Error: Connection timed out");
        } else {
            err.println("Error: " + rootMessage(t));
        }
        return Command.FAILED;
    }

    /** libmosquitto's text for a CONNACK return code (MQTT 3.1.1 §3.2.2.3). */
    static String connackText(int code) {
        return switch (code) {
            case 1 -> "Connection Refused: unacceptable protocol version.";
            case 2 -> "Connection Refused: identifier rejected.";
            case 3 -> "Connection Refused: broker unavailable.";
            case 4 -> "Connection Refused: bad user name or password.";
            case 5 -> "Connection Refused: not authorised.";
            default -> "Connection Refused: unknown reason.";
        };
    }

    /** libmosquitto's text for an MQTT 5.0 CONNACK reason code (mosquitto_reason_string), else the standard's name. */
    static String reasonText(int code) {
        return switch (code) {
            case 0x85 -> "Client identifier not valid";
            case 0x86 -> "Bad username or password";
            case 0x87 -> "Not authorized";
            case 0x8A -> "Banned";
            default -> io.mqttas.codec.ReasonCode.describe(code, io.mqttas.codec.PacketType.CONNACK);
        };
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
