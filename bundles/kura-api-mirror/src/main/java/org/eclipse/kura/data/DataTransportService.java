/* Mirror of Eclipse Kura 5.5's DataTransportService (org.eclipse.kura.data 1.1.2): every member, Kura's signatures. */
package org.eclipse.kura.data;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.KuraTimeoutException;
import org.eclipse.kura.KuraTooManyInflightMessagesException;
import org.eclipse.kura.data.transport.listener.DataTransportListener;

/**
 * The transport under Kura's DataService: connect to a broker, publish, subscribe, receive, disconnect.
 * Events go to the listeners added with {@link #addDataTransportListener(DataTransportListener)}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface DataTransportService {

    /** Connects, blocking until connected or a timeout; the caller may retry after a failure. */
    public void connect() throws KuraConnectException;

    public boolean isConnected();

    public String getBrokerUrl();

    public String getAccountName();

    public String getUsername();

    public String getClientId();

    /** Disconnects, waiting up to {@code quiesceTimeout} ms for in-flight messages first. */
    public void disconnect(long quiesceTimeout);

    public void subscribe(String topic, int qos) throws KuraTimeoutException, KuraException, KuraNotConnectedException;

    public void unsubscribe(String topic) throws KuraTimeoutException, KuraException, KuraNotConnectedException;

    /** Publishes; returns a token for QoS &gt; 0 (confirmed later by the listeners), null for QoS 0. */
    public DataTransportToken publish(String topic, byte[] payload, int qos, boolean retain)
            throws KuraTooManyInflightMessagesException, KuraException, KuraNotConnectedException;

    public void addDataTransportListener(DataTransportListener listener);

    public void removeDataTransportListener(DataTransportListener listener);
}
