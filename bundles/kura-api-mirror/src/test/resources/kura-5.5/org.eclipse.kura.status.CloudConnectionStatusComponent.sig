# org.eclipse.kura.status.CloudConnectionStatusComponent as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.status.CloudConnectionStatusComponent
method public abstract int getNotificationPriority()
method public abstract org.eclipse.kura.status.CloudConnectionStatusEnum getNotificationStatus()
method public abstract void setNotificationStatus(org.eclipse.kura.status.CloudConnectionStatusEnum)
