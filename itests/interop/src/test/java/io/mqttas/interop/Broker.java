/*
 * Issue 13 item 8: the brokers the interoperability suite runs against — one constant per broker, the
 * suite's parameter. -Dinterop.brokers=mosquitto,hivemq (names, any case) runs a subset.
 */
package io.mqttas.interop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public enum Broker {
    MOSQUITTO(MosquittoUnderTest::start),
    HIVEMQ(HiveMqUnderTest::start),
    MOQUETTE(MoquetteUnderTest::start);

    /** System property naming the brokers to run (comma-separated); empty or absent = all. */
    public static final String SELECTION = "interop.brokers";

    private final Function<Boolean, BrokerUnderTest> starter;

    Broker(Function<Boolean, BrokerUnderTest> starter) {
        this.starter = starter;
    }

    /** Starts this broker on free 127.0.0.1 ports; {@code persistent}: sessions survive a restart. */
    public BrokerUnderTest start(boolean persistent) {
        return starter.apply(persistent);
    }

    /** The brokers selected by {@value #SELECTION} (all by default); an unknown name fails loudly. */
    public static Stream<Broker> selected() {
        String sel = System.getProperty(SELECTION, "").trim();
        if (sel.isEmpty()) {
            return Arrays.stream(values());
        }
        List<Broker> chosen = Arrays.stream(sel.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> {
                    try {
                        return valueOf(s.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(SELECTION + "=" + sel + ": unknown broker '" + s
                                + "'; known: " + Arrays.stream(values()).map(Broker::toString).collect(Collectors.joining(",")));
                    }
                }).collect(Collectors.toList());
        return chosen.stream();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
