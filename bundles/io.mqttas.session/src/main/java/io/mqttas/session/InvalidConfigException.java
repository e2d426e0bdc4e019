/* DESIGN.md §4, §5: configuration errors name the key, the value and the allowed range. */
package io.mqttas.session;

/** A configuration key has a bad value (or is unknown). */
public class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;
    private final String range;

    public InvalidConfigException(String key, Object value, String range) {
        super("config key '" + key + "': value " + (value == null ? "null" : "'" + value + "'") + " is not allowed; expected " + range);
        this.key = key;
        this.value = value == null ? null : String.valueOf(value);
        this.range = range;
    }

    /** The configuration key. */
    public String key() {
        return key;
    }

    /** The offending value as text, or {@code null}. */
    public String value() {
        return value;
    }

    /** What would have been accepted. */
    public String range() {
        return range;
    }
}
