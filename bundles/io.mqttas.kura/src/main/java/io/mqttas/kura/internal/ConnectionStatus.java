/*
 * Issue 10 item 1 (status): as Kura's MqttDataTransport, the transport shows "connecting" on Kura's
 * CloudConnectionStatusService (fast blinking) while connect() runs, ON or OFF at its end, and then
 * unregisters so the DataService's own status shows. Optional: without the service nothing happens.
 */
package io.mqttas.kura.internal;

import org.eclipse.kura.status.CloudConnectionStatusComponent;
import org.eclipse.kura.status.CloudConnectionStatusEnum;
import org.eclipse.kura.status.CloudConnectionStatusService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transport's entry in Kura's cloud connection status. */
public final class ConnectionStatus implements CloudConnectionStatusComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStatus.class);

    private volatile CloudConnectionStatusService service;
    private volatile CloudConnectionStatusEnum status = CloudConnectionStatusEnum.OFF;

    public void bind(CloudConnectionStatusService s) {
        service = s;
    }

    public void unbind(CloudConnectionStatusService s) {
        if (service == s) {
            service = null;
        }
    }

    void connecting() {
        CloudConnectionStatusService s = service;
        if (s != null) {
            try {
                s.register(this);
                s.updateStatus(this, CloudConnectionStatusEnum.FAST_BLINKING);
            } catch (RuntimeException e) {
                LOG.debug("CloudConnectionStatusService: {}", e.toString());
            }
        }
    }

    void connected(boolean ok) {
        CloudConnectionStatusService s = service;
        if (s != null) {
            try {
                s.updateStatus(this, ok ? CloudConnectionStatusEnum.ON : CloudConnectionStatusEnum.OFF);
                s.unregister(this);
            } catch (RuntimeException e) {
                LOG.debug("CloudConnectionStatusService: {}", e.toString());
            }
        }
    }

    @Override
    public int getNotificationPriority() {
        return CloudConnectionStatusService.PRIORITY_MEDIUM;
    }

    @Override
    public CloudConnectionStatusEnum getNotificationStatus() {
        return status;
    }

    @Override
    public void setNotificationStatus(CloudConnectionStatusEnum status) {
        this.status = status;
    }
}
