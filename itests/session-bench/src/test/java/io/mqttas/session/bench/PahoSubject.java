/* issue 3 item 17: Eclipse Paho 1.2.5 (MqttAsyncClient, MQTT 3.1.1, in-memory persistence). */
package io.mqttas.session.bench;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

final class PahoSubject implements Subject {
    @Override
    public String name() {
        return "paho-1.2.5";
    }

    private static MqttAsyncClient connect(String host, int port, String id, int window) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("tcp://" + host + ":" + port, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setKeepAliveInterval(60);
        o.setMaxInflight(Math.max(window, 10));
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(200);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    @Override
    public Publisher publisher(String host, int port, String clientId, int window) throws Exception {
        MqttAsyncClient c = connect(host, port, clientId, window);
        return new Publisher() {
            @Override
            public void burst(String topic, int n, int size, int qos) throws Exception {
                Semaphore slots = new Semaphore(window);
                byte[] p = new byte[size];
                IMqttActionListener release = new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        slots.release();
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        slots.release();
                    }
                };
                for (int i = 0; i < n; i++) {
                    slots.acquire();
                    MqttMessage m = new MqttMessage(p);
                    m.setQos(qos);
                    c.publish(topic, m, null, release);
                }
                if (!slots.tryAcquire(window, 300, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("paho: publications not completed");
                }
            }

            @Override
            public void lockStep(String topic, byte[] payload) throws Exception {
                MqttMessage m = new MqttMessage(payload);
                m.setQos(1);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (true) {
                    try {
                        c.publish(topic, m).waitForCompletion(60_000);
                        return;
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        if (System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(5); // not connected yet (after a broker restart): retry, as an application must
                    }
                }
            }

            @Override
            public void close() throws Exception {
                c.disconnectForcibly(1000, 1000);
                c.close();
            }
        };
    }

    @Override
    public Counter subscriber(String host, int port, String clientId, String topic) throws Exception {
        AtomicLong n = new AtomicLong();
        MqttAsyncClient c = connect(host, port, clientId, 10);
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, MqttMessage m) {
                n.incrementAndGet();
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        c.subscribe(topic, 0).waitForCompletion(10_000);
        return new Counter() {
            @Override
            public long count() {
                return n.get();
            }

            @Override
            public void close() throws Exception {
                c.disconnectForcibly(1000, 1000);
                c.close();
            }
        };
    }
}
