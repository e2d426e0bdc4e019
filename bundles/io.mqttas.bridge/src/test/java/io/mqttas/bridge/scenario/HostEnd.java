/* Scenario tests: the host's side of a link, whatever the transport. */
package io.mqttas.bridge.scenario;

import java.time.Duration;

interface HostEnd extends AutoCloseable {
    /** Sends one record (fields joined with DEL). */
    void send(String record) throws Exception;

    /** The next record from the bridge, or null after {@code timeout}. */
    String next(Duration timeout) throws Exception;

    /** What the host does to start over: a reset pulse on SynCom; nothing extra on a stream (w/init restart). */
    void restart() throws Exception;

    @Override
    void close() throws Exception;
}
