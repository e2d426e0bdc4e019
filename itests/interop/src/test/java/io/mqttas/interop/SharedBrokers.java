/*
 * Issue 13 item 8 (CI budget): each broker is started once per test JVM, on first use, and shared by
 * every case (HiveMQ CE takes seconds to start); JUnit closes them when the run ends. A broker that
 * failed to start fails every case that uses it with the same cause, without being started again,
 * and does not hold up the other brokers' cases.
 */
package io.mqttas.interop;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.stream.Stream;

/** One {@link BrokerCase} per selected broker, backed by the run-wide store. */
final class SharedBrokers implements ArgumentsProvider {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedBrokers.class);

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        return Broker.selected().map(kind -> Arguments.of(new BrokerCase(kind, () -> started(store, kind))));
    }

    private static BrokerUnderTest started(ExtensionContext.Store store, Broker kind) {
        Started s = store.getOrComputeIfAbsent(kind, k -> Started.of(kind), Started.class);
        if (s.failure != null) {
            throw new IllegalStateException(kind + " did not start", s.failure);
        }
        return s.broker;
    }

    /** The store closes AutoCloseable values at the end of the run (JUnit ≥ 5.13). */
    private static final class Started implements AutoCloseable {
        final BrokerUnderTest broker;
        final RuntimeException failure;

        private Started(BrokerUnderTest broker, RuntimeException failure) {
            this.broker = broker;
            this.failure = failure;
        }

        static Started of(Broker kind) {
            long t0 = System.nanoTime();
            try {
                // Persistent, so the restart cases can check sessions; the other cases do not care.
                BrokerUnderTest b = kind.start(true);
                System.out.printf("interop: %s started in %d ms: %s%n", b.product(), (System.nanoTime() - t0) / 1_000_000, b);
                return new Started(b, null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }

        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
