/*
 * Mirror of Eclipse Kura 5.5's interface status (org.eclipse.kura.net.status 1.1.0), reduced to the
 * members our bundles read. Kura's class also carries hardware address, driver, MTU and IP address
 * status; the mirror keeps the same builder shape so test doubles are built the way Kura builds them.
 */
package org.eclipse.kura.net.status;

/** Common status of a network interface; Kura subclasses it per interface type. */
@org.osgi.annotation.versioning.ProviderType
public abstract class NetworkInterfaceStatus {
    private final String name;
    private final String interfaceName;
    private final NetworkInterfaceType type;
    private final boolean virtual;
    private final NetworkInterfaceState state;

    protected NetworkInterfaceStatus(NetworkInterfaceStatusBuilder<?> builder) {
        this.name = builder.name;
        this.interfaceName = builder.interfaceName;
        this.type = builder.type;
        this.virtual = builder.virtual;
        this.state = builder.state;
    }

    public String getName() {
        return name;
    }

    public String getInterfaceName() {
        return interfaceName;
    }

    public NetworkInterfaceType getType() {
        return type;
    }

    public boolean isVirtual() {
        return virtual;
    }

    public NetworkInterfaceState getState() {
        return state;
    }

    /** Builder base; Kura's concrete statuses (Ethernet, WiFi, modem, …) extend it. */
    public abstract static class NetworkInterfaceStatusBuilder<T extends NetworkInterfaceStatusBuilder<T>> {
        private String name = "N/A";
        private String interfaceName = "N/A";
        private NetworkInterfaceType type = NetworkInterfaceType.UNKNOWN;
        private boolean virtual;
        private NetworkInterfaceState state = NetworkInterfaceState.UNKNOWN;

        public T withName(String name) {
            this.name = name;
            return getThis();
        }

        public T withInterfaceName(String interfaceName) {
            this.interfaceName = interfaceName;
            return getThis();
        }

        protected T withType(NetworkInterfaceType type) {
            this.type = type;
            return getThis();
        }

        public T withVirtual(boolean virtual) {
            this.virtual = virtual;
            return getThis();
        }

        public T withState(NetworkInterfaceState state) {
            this.state = state;
            return getThis();
        }

        public abstract T getThis();

        public abstract NetworkInterfaceStatus build();
    }
}
