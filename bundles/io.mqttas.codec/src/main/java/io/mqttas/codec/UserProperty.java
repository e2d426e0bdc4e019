/* MQTT 5.0 §1.5.7 and §3.1.2.11.8: a User Property, a UTF-8 string pair. */
package io.mqttas.codec;

/**
 * One User Property (identifier 0x26): a name and a value, both UTF-8 strings [MQTT-1.5.7-1]. A
 * packet may carry any number of them; their order is kept [MQTT-3.3.2-18] and the same name may
 * appear more than once.
 */
public record UserProperty(String name, String value) {
    public UserProperty {
        Checks.utf8(name, "user property name", MqttVersion.MQTT_5);
        Checks.utf8(value, "user property value", MqttVersion.MQTT_5);
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
