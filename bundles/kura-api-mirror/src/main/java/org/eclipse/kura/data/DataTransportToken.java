/* Mirror of Eclipse Kura 5.5's DataTransportToken (org.eclipse.kura.data 1.1.2): value semantics as Kura's. */
package org.eclipse.kura.data;

import java.util.Objects;

/** The receipt of a QoS &gt; 0 publication: equal tokens (message id and session id) name the same message. */
@org.osgi.annotation.versioning.ProviderType
public class DataTransportToken {
    private final int messageId;
    private final String sessionId;

    public DataTransportToken(int messageId, String sessionId) {
        this.messageId = messageId;
        this.sessionId = sessionId;
    }

    public int getMessageId() {
        return messageId;
    }

    public String getSessionId() {
        return sessionId;
    }

    @Override
    public int hashCode() {
        return 31 * (31 + messageId) + (sessionId == null ? 0 : sessionId.hashCode());
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (obj == null || getClass() != obj.getClass()) {
            return false;
        }
        DataTransportToken other = (DataTransportToken) obj;
        return messageId == other.messageId && Objects.equals(sessionId, other.sessionId);
    }
}
