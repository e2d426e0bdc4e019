# org.eclipse.kura.status.CloudConnectionStatusEnum as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public enum org.eclipse.kura.status.CloudConnectionStatusEnum
constant OFF
constant FAST_BLINKING
constant SLOW_BLINKING
constant HEARTBEAT
constant ON
field public static final int FAST_BLINKING_OFF_TIME = 100
field public static final int FAST_BLINKING_ON_TIME = 100
field public static final int HEARTBEAT_DIASTOLE_DURATION = 150
field public static final int HEARTBEAT_PAUSE_DURATION = 600
field public static final int HEARTBEAT_SYSTOLE_DURATION = 150
field public static final int PERIODIC_STATUS_CHECK_DELAY = 5000
field public static final int SLOW_BLINKING_OFF_TIME = 300
field public static final int SLOW_BLINKING_ON_TIME = 300
method public static org.eclipse.kura.status.CloudConnectionStatusEnum valueOf(java.lang.String)
method public static org.eclipse.kura.status.CloudConnectionStatusEnum[] values()
