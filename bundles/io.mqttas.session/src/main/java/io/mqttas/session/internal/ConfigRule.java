/* DESIGN.md §5 and issue 9 item 15: one configuration key — parser, range, default, description — in one place. */
package io.mqttas.session.internal;

import io.mqttas.session.InvalidConfigException;

import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A configuration key as the builder, {@code MqttConfig.fromMap} and the metatype see it: its dict
 * name, its value type, the parser for values as ConfigAdmin delivers them, the range check, the
 * default and the description. {@code metaMin}/{@code metaMax} are the bounds the metatype
 * ({@code SessionConfig}) must declare (null where it declares none); a test checks they agree.
 *
 * @param <T> the value type
 */
public final class ConfigRule<T> {
    final int index;
    final String key;
    final Class<T> type;
    final T defaultValue;
    final Predicate<T> check;
    final String range;
    final String description;
    final BiFunction<String, Object, T> parser;
    final String metaMin;
    final String metaMax;

    ConfigRule(int index, String key, Class<T> type, T defaultValue, Predicate<T> check, String range, String description,
            BiFunction<String, Object, T> parser, String metaMin, String metaMax) {
        this.index = index;
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.check = check;
        this.range = range;
        this.description = description;
        this.parser = parser;
        this.metaMin = metaMin;
        this.metaMax = metaMax;
    }

    /** Position in the table (the slot of the value in a configuration). */
    public int index() {
        return index;
    }

    /** The dict key, e.g. {@code response_time}. */
    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String range() {
        return range;
    }

    public String description() {
        return description;
    }

    /** The bounds the metatype must declare, or null. */
    public String metaMin() {
        return metaMin;
    }

    public String metaMax() {
        return metaMax;
    }

    /** {@code value} if it is in range, else an {@link InvalidConfigException} naming key, value and range. */
    public T checked(T value) {
        if (!check.test(value)) {
            throw new InvalidConfigException(key, value instanceof byte[] b ? "(" + b.length + " bytes)" : value, range);
        }
        return value;
    }

    /** Parses a ConfigAdmin/dict value and checks it. */
    public T parse(Object raw) {
        return checked(parser.apply(key, raw));
    }

    @Override
    public String toString() {
        return key;
    }
}
