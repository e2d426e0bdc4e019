# org.eclipse.kura.gpio.PinStatusListener as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.gpio.PinStatusListener
method public abstract void pinStatusChange(boolean)
