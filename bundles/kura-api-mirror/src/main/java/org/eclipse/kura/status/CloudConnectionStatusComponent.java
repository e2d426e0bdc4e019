/* Mirror of Eclipse Kura 5.5's CloudConnectionStatusComponent (org.eclipse.kura.status 1.0.2). */
package org.eclipse.kura.status;

/** A component whose connection status the CloudConnectionStatusService shows. */
@org.osgi.annotation.versioning.ConsumerType
public interface CloudConnectionStatusComponent {

    public int getNotificationPriority();

    public CloudConnectionStatusEnum getNotificationStatus();

    public void setNotificationStatus(CloudConnectionStatusEnum status);
}
