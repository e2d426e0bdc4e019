/* Test helper: the pty pair helpers of SerialReplugTest for tests in other packages. */
package io.mqttas.bridge.internal;

import java.nio.file.Path;

public final class SerialReplugTestAccess {
    private SerialReplugTestAccess() {
    }

    public static boolean socatInstalled() {
        return SerialReplugTest.installed("socat");
    }

    public static Process socat(Path bridge, Path host) throws Exception {
        return SerialReplugTest.socat(bridge, host);
    }

    public static void kill(Process p) throws InterruptedException {
        SerialReplugTest.kill(p);
    }
}
