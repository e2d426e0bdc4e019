/*
 * Issue 4 item 10: "a publisher in another bundle" — this class is packed by HotSwapIT into its own bundle
 * at test time. It publishes QoS 1 continuously through whatever MqttClient service (client_id=hs) is
 * registered, re-issuing any publication whose future failed. Its state lives in JDK objects that the test
 * puts into the system properties, so it survives the refreshes that restart this bundle.
 */
package io.mqttas.itests.osgi.hotswap;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import io.mqttas.session.MqttClient;

public final class HotSwapPublisher implements BundleActivator {
    private volatile boolean running;
    private Thread thread;
    private ServiceTracker<MqttClient, MqttClient> tracker;

    @SuppressWarnings("unchecked")
    private static <T> T state(String key) {
        return (T) System.getProperties().get("hotswap." + key);
    }

    @Override
    public void start(BundleContext context) throws Exception {
        tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=io.mqttas.session.MqttClient)(client_id=hs))"), null);
        tracker.open();
        running = true;
        thread = new Thread(this::run, "hs-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        AtomicLong next = state("next");
        Queue<Long> retry = state("retry");
        Set<Long> acked = state("acked");
        AtomicInteger pending = state("pending");
        AtomicBoolean finish = state("finish");
        while (running) {
            try {
                MqttClient client = tracker.waitForService(100);
                if (client == null) {
                    continue;
                }
                Long again = retry.poll();
                long seq;
                if (again != null) {
                    seq = again;
                } else if (!finish.get()) {
                    seq = next.getAndIncrement();
                } else {
                    Thread.sleep(20);
                    continue;
                }
                pending.incrementAndGet();
                try {
                    client.publish("hs/" + seq, ("m" + seq).getBytes(StandardCharsets.UTF_8), false, 1)
                            .whenComplete((v, e) -> {
                                if (e == null) {
                                    acked.add(seq);
                                } else {
                                    retry.add(seq);
                                }
                                pending.decrementAndGet();
                            });
                } catch (RuntimeException e) {
                    retry.add(seq);
                    pending.decrementAndGet();
                }
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        running = false;
        thread.interrupt();
        thread.join(5000);
        tracker.close();
    }
}
