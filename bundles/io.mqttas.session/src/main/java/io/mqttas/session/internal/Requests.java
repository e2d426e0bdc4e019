/* MQTT 5.0 §4.10 (request/response) and issue 13 item 4: requests answered on a Response Topic, matched by Correlation Data. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttProperties;
import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttTimeoutException;
import io.mqttas.session.Registration;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The client's open requests: each publication carries a Response Topic and fresh random Correlation
 * Data; the first message on the Response Topic with the same Correlation Data completes it. The
 * Response Topic is subscribed once (QoS 1) and kept. A request not answered in time fails with
 * {@link MqttTimeoutException} (the timer only posts to the loop; futures complete on the executor).
 * Pending requests are bounded by {@code max_queued}.
 */
final class Requests {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientContext ctx;
    private final Map<String, CompletableFuture<Message>> pending = new HashMap<>();
    private final Set<String> subscribed = new HashSet<>();
    private Registration handler;

    Requests(ClientContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<Message> request(MqttClient client, String topic, byte[] payload, int qos, String responseTopic, Duration timeout) {
        byte[] correlation = new byte[16];
        RANDOM.nextBytes(correlation);
        String key = HexFormat.of().formatHex(correlation);
        CompletableFuture<Message> answer = new CompletableFuture<>();
        CompletableFuture<Integer> sub;
        synchronized (ctx.lock) {
            if (pending.size() >= ctx.config.maxQueued()) {
                return CompletableFuture.failedFuture(new io.mqttas.session.MqttException("too many open requests: max_queued "
                        + ctx.config.maxQueued()));
            }
            if (handler == null) {
                handler = client.addMessageHandler(this::received);
            }
            pending.put(key, answer);
            sub = subscribed.add(responseTopic) ? client.subscribe(responseTopic, 1) : CompletableFuture.completedFuture(1);
            if (timeout != null) {
                Scheduler.Task t = ctx.later(Math.max(0, timeout.toMillis()), () -> {
                    CompletableFuture<Message> f = pending.remove(key);
                    if (f != null) {
                        ctx.executor.execute(() -> f.completeExceptionally(new MqttTimeoutException("no response on " + responseTopic
                                + " within " + timeout.toMillis() + " ms")));
                    }
                });
                answer.whenComplete((m, e) -> t.cancel());
            }
        }
        MqttProperties props = MqttProperties.builder().responseTopic(responseTopic).correlationData(correlation).build();
        sub.thenCompose(granted -> client.publish(topic, payload, false, qos, props, timeout)).whenComplete((ack, e) -> {
            if (e != null) {
                synchronized (ctx.lock) {
                    pending.remove(key);
                    if (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
                        e = e.getCause();
                    }
                    if (sub.isCompletedExceptionally()) {
                        subscribed.remove(responseTopic); // the next request subscribes again
                    }
                }
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** On the executor: a message that answers an open request completes it. */
    private void received(Message m) {
        byte[] c = m.correlationData().orElse(null);
        if (c == null) {
            return;
        }
        CompletableFuture<Message> f;
        synchronized (ctx.lock) {
            f = pending.remove(HexFormat.of().formatHex(c));
        }
        if (f != null) {
            f.complete(m);
        }
    }
}
