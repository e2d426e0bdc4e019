/* Mirror of Eclipse Kura 5.5's CloudConnectionStatusService (org.eclipse.kura.status 1.0.2). */
package org.eclipse.kura.status;

/**
 * Kura's cloud connection status indicator (a LED or the log): components register and report a
 * status; the one with the highest priority is shown.
 */
@org.osgi.annotation.versioning.ProviderType
public interface CloudConnectionStatusService {

    public static final int PRIORITY_MAX = Integer.MAX_VALUE;
    public static final int PRIORITY_CRITICAL = 400;
    public static final int PRIORITY_HIGH = 300;
    public static final int PRIORITY_MEDIUM = 200;
    public static final int PRIORITY_LOW = 100;
    public static final int PRIORITY_MIN = Integer.MIN_VALUE;

    public void register(CloudConnectionStatusComponent component);

    public void unregister(CloudConnectionStatusComponent component);

    public boolean updateStatus(CloudConnectionStatusComponent component, CloudConnectionStatusEnum status);
}
