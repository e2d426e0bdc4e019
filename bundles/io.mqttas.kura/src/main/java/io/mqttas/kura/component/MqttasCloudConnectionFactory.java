/*
 * Issue 10 item 1: "mqttas" under Cloud Connections → New in Kura's web UI. Like Kura's
 * RawMqttCloudConnectionFactory, it creates three factory configurations per connection through Kura's
 * ConfigurationService — Kura's raw MQTT CloudEndpoint (whose publishers and subscribers Kura apps and
 * Wires use), Kura's own store-and-forward DataService, and our MqttasDataTransport — and chains them
 * with DataService.target / DataTransportService.target filters on kura.service.pid.
 */
package io.mqttas.kura.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.factory.CloudConnectionFactory;
import org.eclipse.kura.configuration.ConfigurationService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.kura.internal.StackPids;

@Component(name = MqttasCloudConnectionFactory.SERVICE_PID, service = CloudConnectionFactory.class,
        property = { "service.pid=" + MqttasCloudConnectionFactory.SERVICE_PID,
            "kura.ui.csf.pid.default=" + StackPids.ENDPOINT, "kura.ui.csf.pid.regex=" + StackPids.REGEX })
public final class MqttasCloudConnectionFactory implements CloudConnectionFactory {
    public static final String SERVICE_PID = "io.mqttas.kura.MqttasCloudConnectionFactory";
    /** The connection type shown under Cloud Connections (the UI's "Cloud Connection Factory PID"). */
    public static final String CONNECTION_TYPE = "io.mqttas.kura.MqttasCloudEndpoint";
    static final String RAW_ENDPOINT_FACTORY = "org.eclipse.kura.cloudconnection.raw.mqtt.cloud.RawMqttCloudEndpoint";
    static final String DATA_SERVICE_FACTORY = "org.eclipse.kura.data.DataService";
    private static final String CLOUD_ENDPOINT = "org.eclipse.kura.cloudconnection.CloudEndpoint";
    private static final Logger LOG = LoggerFactory.getLogger(MqttasCloudConnectionFactory.class);

    private final ConfigurationService configurationService;
    private final BundleContext context;

    @Activate
    public MqttasCloudConnectionFactory(@Reference ConfigurationService configurationService, BundleContext context) {
        this.configurationService = configurationService;
        this.context = context;
    }

    @Override
    public String getFactoryPid() {
        return CONNECTION_TYPE;
    }

    @Override
    public void createConfiguration(String pid) throws KuraException {
        StackPids stack = stack(pid);
        Set<String> factories = configurationService.getFactoryComponentPids();
        for (String needed : List.of(RAW_ENDPOINT_FACTORY, DATA_SERVICE_FACTORY, MqttasDataTransport.PID)) {
            if (factories != null && !factories.contains(needed)) {
                throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, "cannot create " + pid + ": the component factory "
                        + needed + " is not available" + (needed.equals(RAW_ENDPOINT_FACTORY)
                                ? " (Kura's org.eclipse.kura.cloudconnection.raw.mqtt.provider bundle must be active)" : ""));
            }
        }
        List<String> created = new ArrayList<>();
        try {
            Map<String, Object> endpoint = new HashMap<>();
            endpoint.put("DataService.target", target(stack.dataService()));
            endpoint.put(KURA_CLOUD_CONNECTION_FACTORY_PID, SERVICE_PID);
            configurationService.createFactoryConfiguration(RAW_ENDPOINT_FACTORY, stack.endpoint(), endpoint, false);
            created.add(stack.endpoint());
            configurationService.createFactoryConfiguration(DATA_SERVICE_FACTORY, stack.dataService(),
                    Map.of("DataTransportService.target", target(stack.transport())), false);
            created.add(stack.dataService());
            configurationService.createFactoryConfiguration(MqttasDataTransport.PID, stack.transport(), null, true);
        } catch (KuraException | RuntimeException e) {
            LOG.error("creating cloud connection {} failed; removing what was created ({}): {}", pid, created, e.toString());
            Collections.reverse(created);
            for (String p : created) {
                try {
                    configurationService.deleteFactoryConfiguration(p, false);
                } catch (KuraException | RuntimeException again) {
                    LOG.warn("removing {} after the failed creation of {}: {}", p, pid, again.toString());
                }
            }
            throw e;
        }
        LOG.info("cloud connection {} created: {}", pid, stack.all());
    }

    @Override
    public List<String> getStackComponentsPids(String pid) throws KuraException {
        return stack(pid).all();
    }

    @Override
    public void deleteConfiguration(String pid) throws KuraException {
        StackPids stack = StackPids.of(pid);
        if (stack == null) {
            return;   // not ours (Kura's own factory ignores foreign PIDs the same way)
        }
        configurationService.deleteFactoryConfiguration(stack.endpoint(), false);
        configurationService.deleteFactoryConfiguration(stack.dataService(), false);
        configurationService.deleteFactoryConfiguration(stack.transport(), true);
        LOG.info("cloud connection {} deleted", pid);
    }

    /** The kura.service.pid of every CloudEndpoint service this factory created. */
    @Override
    public Set<String> getManagedCloudConnectionPids() throws KuraException {
        Set<String> pids = new HashSet<>();
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(CLOUD_ENDPOINT,
                    "(" + KURA_CLOUD_CONNECTION_FACTORY_PID + "=" + SERVICE_PID + ")");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                Object pid = ref.getProperty(ConfigurationService.KURA_SERVICE_PID);
                if (pid instanceof String s && StackPids.of(s) != null) {
                    pids.add(s);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ATTRIBUTE_INVALID, e);
        }
        return pids;
    }

    private static StackPids stack(String pid) throws KuraException {
        StackPids stack = StackPids.of(pid);
        if (stack == null) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, "invalid cloud connection PID '" + pid + "': expected "
                    + StackPids.ENDPOINT + " or " + StackPids.ENDPOINT + "-<letters and digits>");
        }
        return stack;
    }

    private static String target(String kuraServicePid) {
        return "(" + ConfigurationService.KURA_SERVICE_PID + "=" + kuraServicePid + ")";
    }
}
