/* Test helper: a link that records what the protocol sends to the host. */
package io.mqttas.bridge.internal;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class RecordingLink implements Link {
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private final LinkCounters counters = new LinkCounters();

    @Override
    public void start(Events events) {
    }

    @Override
    public boolean send(String record, boolean droppable) {
        sent.add(record);
        return true;
    }

    /** The next record sent to the host, with SEP shown as '|'. */
    String next() throws InterruptedException {
        String r = sent.poll(5, TimeUnit.SECONDS);
        return r == null ? null : r.replace(Records.SEP, '|');
    }

    String next(Duration timeout) throws InterruptedException {
        String r = sent.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return r == null ? null : r.replace(Records.SEP, '|');
    }

    @Override
    public String describe() {
        return "recording";
    }

    @Override
    public String state() {
        return "OPEN";
    }

    @Override
    public LinkCounters counters() {
        return counters;
    }

    @Override
    public void close() {
    }
}
