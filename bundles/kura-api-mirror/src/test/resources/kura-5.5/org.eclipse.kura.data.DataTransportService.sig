# org.eclipse.kura.data.DataTransportService as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.data.DataTransportService
method public abstract boolean isConnected()
method public abstract java.lang.String getAccountName()
method public abstract java.lang.String getBrokerUrl()
method public abstract java.lang.String getClientId()
method public abstract java.lang.String getUsername()
method public abstract org.eclipse.kura.data.DataTransportToken publish(java.lang.String, byte[], int, boolean) throws org.eclipse.kura.KuraException, org.eclipse.kura.KuraNotConnectedException, org.eclipse.kura.KuraTooManyInflightMessagesException
method public abstract void addDataTransportListener(org.eclipse.kura.data.transport.listener.DataTransportListener)
method public abstract void connect() throws org.eclipse.kura.KuraConnectException
method public abstract void disconnect(long)
method public abstract void removeDataTransportListener(org.eclipse.kura.data.transport.listener.DataTransportListener)
method public abstract void subscribe(java.lang.String, int) throws org.eclipse.kura.KuraException, org.eclipse.kura.KuraNotConnectedException, org.eclipse.kura.KuraTimeoutException
method public abstract void unsubscribe(java.lang.String) throws org.eclipse.kura.KuraException, org.eclipse.kura.KuraNotConnectedException, org.eclipse.kura.KuraTimeoutException
