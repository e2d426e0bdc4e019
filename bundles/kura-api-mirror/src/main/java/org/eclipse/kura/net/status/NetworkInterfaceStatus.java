/*
 * Mirror of Eclipse Kura 5.5's interface status (org.eclipse.kura.net.status 1.1.0). Kura's members except
 * the IP address statuses, which need the org.eclipse.kura.net address types our bundles never read
 * (listed in the mirror's subset.txt). The builder has Kura's shape so test doubles are built as Kura builds them.
 */
package org.eclipse.kura.net.status;

/** Common status of a network interface; Kura subclasses it per interface type. */
@org.osgi.annotation.versioning.ProviderType
public abstract class NetworkInterfaceStatus {
    private final String interfaceId;
    private final String interfaceName;
    private final byte[] hardwareAddress;
    private final NetworkInterfaceType type;
    private final String driver;
    private final String driverVersion;
    private final String firmwareVersion;
    private final boolean virtual;
    private final NetworkInterfaceState state;
    private final boolean autoConnect;
    private final int mtu;

    protected NetworkInterfaceStatus(NetworkInterfaceStatusBuilder<?> builder) {
        this.interfaceId = builder.interfaceId;
        this.interfaceName = builder.interfaceName;
        this.hardwareAddress = builder.hardwareAddress;
        this.type = builder.type;
        this.driver = builder.driver;
        this.driverVersion = builder.driverVersion;
        this.firmwareVersion = builder.firmwareVersion;
        this.virtual = builder.virtual;
        this.state = builder.state;
        this.autoConnect = builder.autoConnect;
        this.mtu = builder.mtu;
    }

    /** The id Kura's NetworkStatusService knows the interface by (the name for Ethernet and WiFi, e.g. a modem's USB path otherwise). */
    public String getInterfaceId() {
        return interfaceId;
    }

    /** The operating system's name of the interface (e.g. wlan0, ppp0). */
    public String getInterfaceName() {
        return interfaceName;
    }

    public byte[] getHardwareAddress() {
        return hardwareAddress;
    }

    public NetworkInterfaceType getType() {
        return type;
    }

    public String getDriver() {
        return driver;
    }

    public String getDriverVersion() {
        return driverVersion;
    }

    public String getFirmwareVersion() {
        return firmwareVersion;
    }

    public boolean isVirtual() {
        return virtual;
    }

    public NetworkInterfaceState getState() {
        return state;
    }

    public boolean isAutoConnect() {
        return autoConnect;
    }

    public int getMtu() {
        return mtu;
    }

    /** Builder base; Kura's concrete statuses (Ethernet, WiFi, modem, …) extend it. */
    public abstract static class NetworkInterfaceStatusBuilder<T extends NetworkInterfaceStatusBuilder<T>> {
        private static final String NA = "N/A";
        private String interfaceId = NA;
        private String interfaceName = NA;
        private byte[] hardwareAddress = new byte[6];
        private NetworkInterfaceType type = NetworkInterfaceType.UNKNOWN;
        private String driver = NA;
        private String driverVersion = NA;
        private String firmwareVersion = NA;
        private boolean virtual;
        private NetworkInterfaceState state = NetworkInterfaceState.UNKNOWN;
        private boolean autoConnect;
        private int mtu;

        public T withInterfaceId(String interfaceId) {
            this.interfaceId = interfaceId;
            return getThis();
        }

        public T withInterfaceName(String interfaceName) {
            this.interfaceName = interfaceName;
            return getThis();
        }

        public T withHardwareAddress(byte[] hardwareAddress) {
            this.hardwareAddress = hardwareAddress;
            return getThis();
        }

        protected T withType(NetworkInterfaceType type) {
            this.type = type;
            return getThis();
        }

        public T withDriver(String driver) {
            this.driver = driver;
            return getThis();
        }

        public T withDriverVersion(String driverVersion) {
            this.driverVersion = driverVersion;
            return getThis();
        }

        public T withFirmwareVersion(String firmwareVersion) {
            this.firmwareVersion = firmwareVersion;
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

        public T withAutoConnect(boolean autoConnect) {
            this.autoConnect = autoConnect;
            return getThis();
        }

        public T withMtu(int mtu) {
            this.mtu = mtu;
            return getThis();
        }

        public abstract T getThis();

        public abstract NetworkInterfaceStatus build();
    }
}
