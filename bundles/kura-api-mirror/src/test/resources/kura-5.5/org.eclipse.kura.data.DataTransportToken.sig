# org.eclipse.kura.data.DataTransportToken as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public class org.eclipse.kura.data.DataTransportToken
constructor public DataTransportToken(int, java.lang.String)
method public boolean equals(java.lang.Object)
method public int getMessageId()
method public int hashCode()
method public java.lang.String getSessionId()
