/* Hostile input (briefing): a record from the host that breaks a rule, named with field and value. */
package io.mqttas.bridge.internal;

/** A host record that cannot be accepted; the message names the field, the value and the rule. */
public final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    /** "field 'port' = 'abc': must be an integer 0..65535", the value shown safely and shortened. */
    static InvalidRecordException field(String field, String value, String rule) {
        return new InvalidRecordException(
                "field '" + field + "' = '" + Records.printable(value, 40) + "': " + rule);
    }
}
