/* Test helper: collects what a link tells the protocol. */
package io.mqttas.bridge.internal;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class RecordingEvents implements Link.Events {
    final BlockingQueue<String> records = new LinkedBlockingQueue<>();
    final BlockingQueue<String> restarts = new LinkedBlockingQueue<>();

    @Override
    public void onRecord(String record) {
        records.add(record);
    }

    @Override
    public void onRestart(String reason) {
        restarts.add(reason);
    }

    String record(Duration timeout) throws InterruptedException {
        return records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String restart(Duration timeout) throws InterruptedException {
        return restarts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
