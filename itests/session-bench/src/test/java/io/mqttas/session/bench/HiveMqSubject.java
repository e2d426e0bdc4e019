/* issue 3 item 17: HiveMQ MQTT client 1.4.2 (Mqtt3AsyncClient). */
package io.mqttas.session.bench;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

final class HiveMqSubject implements Subject {
    @Override
    public String name() {
        return "hivemq-1.4.2";
    }

    private static Mqtt3AsyncClient connect(String host, int port, String id) throws Exception {
        Mqtt3AsyncClient c = Mqtt3Client.builder().identifier(id).serverHost(host).serverPort(port)
                .automaticReconnect().initialDelay(20, TimeUnit.MILLISECONDS).maxDelay(200, TimeUnit.MILLISECONDS).applyAutomaticReconnect()
                .buildAsync();
        c.connectWith().cleanSession(true).keepAlive(60).send().get(10, TimeUnit.SECONDS);
        return c;
    }

    @Override
    public Publisher publisher(String host, int port, String clientId, int window) throws Exception {
        Mqtt3AsyncClient c = connect(host, port, clientId);
        return new Publisher() {
            @Override
            public void burst(String topic, int n, int size, int qos) throws Exception {
                Semaphore slots = new Semaphore(window);
                byte[] p = new byte[size];
                MqttQos q = qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
                for (int i = 0; i < n; i++) {
                    slots.acquire();
                    c.publishWith().topic(topic).qos(q).payload(p).send().whenComplete((r, e) -> slots.release());
                }
                if (!slots.tryAcquire(window, 300, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("hivemq: publications not completed");
                }
            }

            @Override
            public void lockStep(String topic, byte[] payload) throws Exception {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (true) {
                    try {
                        c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send().get(60, TimeUnit.SECONDS);
                        return;
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(5); // not connected (after a broker restart): retry, as an application must
                    }
                }
            }

            @Override
            public void close() throws Exception {
                c.disconnect().get(5, TimeUnit.SECONDS);
            }
        };
    }

    @Override
    public Counter subscriber(String host, int port, String clientId, String topic) throws Exception {
        AtomicLong n = new AtomicLong();
        Mqtt3AsyncClient c = connect(host, port, clientId);
        c.publishes(MqttGlobalPublishFilter.ALL, p -> n.incrementAndGet());
        c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_MOST_ONCE).send().get(10, TimeUnit.SECONDS);
        return new Counter() {
            @Override
            public long count() {
                return n.get();
            }

            @Override
            public void close() throws Exception {
                CompletableFuture<Void> d = c.disconnect();
                d.get(5, TimeUnit.SECONDS);
            }
        };
    }
}
