/* Mirror of Eclipse Kura 5.5's DataTransportListener (org.eclipse.kura.data.transport.listener 1.0.1). */
package org.eclipse.kura.data.transport.listener;

import org.eclipse.kura.data.DataTransportToken;

/** Events of a DataTransportService; Kura's DataService is the listener. Implementations return quickly. */
@org.osgi.annotation.versioning.ConsumerType
public interface DataTransportListener {

    /** A connection is established; {@code newSession}: messages in flight before it will not be confirmed. */
    public void onConnectionEstablished(boolean newSession);

    public void onDisconnecting();

    public void onDisconnected();

    public void onConfigurationUpdating(boolean wasConnected);

    public void onConfigurationUpdated(boolean wasConnected);

    public void onConnectionLost(Throwable cause);

    public void onMessageArrived(String topic, byte[] payload, int qos, boolean retained);

    public void onMessageConfirmed(DataTransportToken token);
}
