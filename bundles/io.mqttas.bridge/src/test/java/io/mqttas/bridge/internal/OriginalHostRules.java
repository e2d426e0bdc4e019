/*
 * Test oracle for issue 12 item 1: what the original host (bridge V0.1, host/pbmqtt.py at 40fcff7,
 * MQTTlink.start/do_status/_do_time) does with a record from the bridge, re-stated from the spec
 * (§4.4, §6.4) and that source in our own words.
 */
package io.mqttas.bridge.internal;

import java.util.ArrayList;
import java.util.List;

final class OriginalHostRules {
    /** The verbose status texts of the original host: eleven entries, values 0..10. */
    static final int TABLE = 11;

    /** What the host does with a record. */
    enum Effect {
        /** handled, the session goes on */
        OK,
        /** handled, the host ends its session and resets the bridge (UNKNOWN, BROKER_FAIL, unknown command) */
        RESET,
        /** an exception escapes into the host's link task: the host is dead until power-cycled */
        CRASH
    }

    record Verdict(Effect effect, String why) {
    }

    private OriginalHostRules() {
    }

    /** Python's str.split(SEP): empty fields kept. */
    static List<String> split(String record) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= record.length(); i++) {
            if (i == record.length() || record.charAt(i) == Records.SEP) {
                out.add(record.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * The running-phase handling of {@code record} by a host with {@code verbose} set (the original's
     * own demo sets it) and a subscription callback taking (topic, msg, retained).
     */
    static Verdict running(String record) {
        List<String> f = split(record);
        String cmd = f.get(0);
        List<String> action = f.subList(1, f.size());
        switch (cmd) {
            case "t" -> {
                if (action.isEmpty()) {
                    return new Verdict(Effect.CRASH, "IndexError: status without a value");
                }
                int value;
                try {
                    value = Integer.parseInt(action.get(0).strip());
                } catch (NumberFormatException e) {
                    return new Verdict(Effect.RESET, "ValueError: gibberish status is UNKNOWN");
                }
                if (value == Records.UNKNOWN) {
                    if (action.size() < 3) {
                        return new Verdict(Effect.CRASH, "IndexError: verbose UNKNOWN prints two text fields");
                    }
                    return new Verdict(Effect.RESET, "UNKNOWN is fatal");
                }
                if (value < -TABLE || value >= TABLE) {
                    return new Verdict(Effect.CRASH, "IndexError: status " + value + " not in the verbose table");
                }
                if (value == Records.BROKER_FAIL) {
                    return new Verdict(Effect.RESET, "BROKER_FAIL is fatal");
                }
                return new Verdict(Effect.OK, "status " + value);
            }
            case "u" -> {
                if (action.size() != 3) {
                    return new Verdict(Effect.CRASH, "TypeError: callback(topic, msg, retained) got " + action.size()
                            + " arguments");
                }
                return new Verdict(Effect.OK, "message");
            }
            case "i" -> {
                if (action.isEmpty()) {
                    return new Verdict(Effect.CRASH, "IndexError: time reply without a value");
                }
                return new Verdict(Effect.OK, "time");
            }
            case "m" -> {
                if (action.size() < 2) {
                    return new Verdict(Effect.CRASH, "IndexError: memory reply prints two values");
                }
                return new Verdict(Effect.OK, "memory");
            }
            default -> {
                return new Verdict(Effect.RESET, "unhandled command " + cmd);
            }
        }
    }
}
