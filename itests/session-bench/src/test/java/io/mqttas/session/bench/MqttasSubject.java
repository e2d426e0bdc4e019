/* issue 3 item 17: this project's client. */
package io.mqttas.session.bench;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

final class MqttasSubject implements Subject {
    @Override
    public String name() {
        return "mqttas";
    }

    private static MqttConfig.Builder cfg(String host, int port, String id) {
        return MqttConfig.builder().server(host).port(port).clientId(id).keepalive(60).responseTime(10).stabilityTime(0)
                .reconnectDelayMin(0.02).reconnectDelayMax(0.2);
    }

    @Override
    public Publisher publisher(String host, int port, String clientId, int window) throws Exception {
        MqttClient c = MqttClient.create(cfg(host, port, clientId).maxInflight(window).build());
        c.connect(true).get(10, TimeUnit.SECONDS);
        return new Publisher() {
            @Override
            public void burst(String topic, int n, int size, int qos) throws Exception {
                byte[] p = new byte[size];
                CompletableFuture<?>[] fs = new CompletableFuture<?>[n];
                for (int i = 0; i < n; i++) {
                    fs[i] = c.publish(topic, p, false, qos);
                }
                CompletableFuture.allOf(fs).get(300, TimeUnit.SECONDS);
            }

            @Override
            public void lockStep(String topic, byte[] payload) throws Exception {
                c.publish(topic, payload, false, 1).get(60, TimeUnit.SECONDS);
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    @Override
    public Counter subscriber(String host, int port, String clientId, String topic) throws Exception {
        AtomicLong n = new AtomicLong();
        MqttClient c = MqttClient.create(cfg(host, port, clientId).subsCb((t, p, r) -> n.incrementAndGet()).build());
        c.connect(true).get(10, TimeUnit.SECONDS);
        c.subscribe(topic, 0).get(10, TimeUnit.SECONDS);
        return new Counter() {
            @Override
            public long count() {
                return n.get();
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }
}
