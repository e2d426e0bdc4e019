# org.eclipse.kura.status.CloudConnectionStatusService as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.status.CloudConnectionStatusService
field public static final int PRIORITY_CRITICAL = 400
field public static final int PRIORITY_HIGH = 300
field public static final int PRIORITY_LOW = 100
field public static final int PRIORITY_MAX = 2147483647
field public static final int PRIORITY_MEDIUM = 200
field public static final int PRIORITY_MIN = -2147483648
method public abstract boolean updateStatus(org.eclipse.kura.status.CloudConnectionStatusComponent, org.eclipse.kura.status.CloudConnectionStatusEnum)
method public abstract void register(org.eclipse.kura.status.CloudConnectionStatusComponent)
method public abstract void unregister(org.eclipse.kura.status.CloudConnectionStatusComponent)
