/*
 * Issue 10 item 1: the cloud connection factory creates, names, chains and deletes the three
 * configurations the way Kura's RawMqttCloudConnectionFactory does, through Kura's ConfigurationService
 * (a recording stand-in here; the OSGi-level check is in itests/osgi).
 */
package io.mqttas.kura.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ConfigurationService;
import org.junit.jupiter.api.Test;

class CloudConnectionFactoryTest {

    /** Records calls; fails the creation of a chosen factory PID. */
    static final class RecordingConfigurationService implements ConfigurationService {
        final List<String> calls = new ArrayList<>();
        final Map<String, Map<String, Object>> created = new HashMap<>();
        final Set<String> factories = new HashSet<>(Set.of(MqttasCloudConnectionFactory.RAW_ENDPOINT_FACTORY,
                MqttasCloudConnectionFactory.DATA_SERVICE_FACTORY, MqttasDataTransport.PID));
        String failOn;

        @Override
        public Set<String> getFactoryComponentPids() {
            return factories;
        }

        @Override
        public void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties, boolean snapshot)
                throws KuraException {
            calls.add("create " + factoryPid + " " + pid + (snapshot ? " +snapshot" : ""));
            if (factoryPid.equals(failOn)) {
                throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, "test failure");
            }
            created.put(pid, properties == null ? Map.of() : properties);
        }

        @Override
        public void deleteFactoryConfiguration(String pid, boolean snapshot) {
            calls.add("delete " + pid + (snapshot ? " +snapshot" : ""));
            created.remove(pid);
        }

        @Override
        public Set<String> getConfigurableComponentPids() {
            return created.keySet();
        }
    }

    @Test
    void createsTheStackChainedByKuraServicePid() throws Exception {
        RecordingConfigurationService cs = new RecordingConfigurationService();
        MqttasCloudConnectionFactory f = new MqttasCloudConnectionFactory(cs, null);
        assertEquals("io.mqttas.kura.MqttasCloudEndpoint", f.getFactoryPid());
        f.createConfiguration("io.mqttas.kura.CloudEndpoint-plant2");
        assertEquals(List.of(
                "create org.eclipse.kura.cloudconnection.raw.mqtt.cloud.RawMqttCloudEndpoint io.mqttas.kura.CloudEndpoint-plant2",
                "create org.eclipse.kura.data.DataService io.mqttas.kura.DataService-plant2",
                "create io.mqttas.kura.MqttasDataTransport io.mqttas.kura.DataTransport-plant2 +snapshot"), cs.calls);
        assertEquals(Map.of("DataService.target", "(kura.service.pid=io.mqttas.kura.DataService-plant2)",
                "kura.cloud.connection.factory.pid", "io.mqttas.kura.MqttasCloudConnectionFactory"),
                cs.created.get("io.mqttas.kura.CloudEndpoint-plant2"));
        assertEquals(Map.of("DataTransportService.target", "(kura.service.pid=io.mqttas.kura.DataTransport-plant2)"),
                cs.created.get("io.mqttas.kura.DataService-plant2"));
        assertEquals(List.of("io.mqttas.kura.CloudEndpoint-plant2", "io.mqttas.kura.DataService-plant2",
                "io.mqttas.kura.DataTransport-plant2"), f.getStackComponentsPids("io.mqttas.kura.CloudEndpoint-plant2"));

        cs.calls.clear();
        f.deleteConfiguration("io.mqttas.kura.CloudEndpoint-plant2");
        assertEquals(List.of("delete io.mqttas.kura.CloudEndpoint-plant2", "delete io.mqttas.kura.DataService-plant2",
                "delete io.mqttas.kura.DataTransport-plant2 +snapshot"), cs.calls);
        assertTrue(cs.created.isEmpty());
    }

    @Test
    void aFailedCreationRemovesWhatItCreatedAndBadPidsAreRefused() throws Exception {
        RecordingConfigurationService cs = new RecordingConfigurationService();
        cs.failOn = MqttasDataTransport.PID;
        MqttasCloudConnectionFactory f = new MqttasCloudConnectionFactory(cs, null);
        assertThrows(KuraException.class, () -> f.createConfiguration("io.mqttas.kura.CloudEndpoint"));
        assertTrue(cs.created.isEmpty(), "rolled back: " + cs.created);
        assertEquals("delete io.mqttas.kura.CloudEndpoint", cs.calls.get(cs.calls.size() - 1));

        KuraException bad = assertThrows(KuraException.class, () -> f.createConfiguration("org.eclipse.kura.cloudconnection.raw.mqtt.CloudEndpoint"));
        assertEquals(KuraErrorCode.INVALID_PARAMETER, bad.getCode());
        assertThrows(KuraException.class, () -> f.getStackComponentsPids("nope"));
        cs.calls.clear();
        f.deleteConfiguration("org.eclipse.kura.cloudconnection.raw.mqtt.CloudEndpoint");
        assertEquals(List.of(), cs.calls, "another factory's connection is left alone");

        cs.factories.remove(MqttasCloudConnectionFactory.RAW_ENDPOINT_FACTORY);
        KuraException missing = assertThrows(KuraException.class, () -> f.createConfiguration("io.mqttas.kura.CloudEndpoint"));
        assertTrue(missing.getMessage().contains("org.eclipse.kura.cloudconnection.raw.mqtt.provider"), missing.getMessage());
    }
}
