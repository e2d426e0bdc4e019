/* Test helper (issue 13 item 6): the few HTTP/WebSocket handshake pieces the scripted test servers share (RFC 6455 §4.2.2). */
package io.mqttas.session.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class WsTestHttp {
    private static final Pattern KEY = Pattern.compile("(?i)sec-websocket-key:\\s*(\\S+)");

    private WsTestHttp() {
    }

    /** The request head up to the blank line (empty if the peer closed first); bounded to 16 KiB. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 16_384) {
            int ch = in.read();
            if (ch < 0) {
                return "";
            }
            head.append((char) ch);
        }
        return head.toString();
    }

    /** The 101 response accepting the upgrade in {@code head}, with {@code subprotocol} (null = none chosen); null if no key. */
    static String switchingProtocols(String head, String subprotocol) throws NoSuchAlgorithmException {
        Matcher m = KEY.matcher(head);
        if (!m.find()) {
            return null;
        }
        byte[] sha = MessageDigest.getInstance("SHA-1").digest((m.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                .getBytes(StandardCharsets.US_ASCII));
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + Base64.getEncoder().encodeToString(sha) + "\r\n" + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n")
                + "\r\n";
    }
}
