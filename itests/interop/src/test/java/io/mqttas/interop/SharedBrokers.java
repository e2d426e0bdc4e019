/*
 * Issue 13 item 8 (CI budget): each broker is started once per test JVM and shared by every suite class
 * (HiveMQ CE takes seconds to start); JUnit closes them when the run ends. A broker that failed to
 * start fails every test that needs it with the same cause, without being started again.
 */
package io.mqttas.interop;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Hands each {@link BrokerSuite} test the running broker for its {@code kind}. */
final class SharedBrokers implements BeforeEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedBrokers.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        BrokerSuite suite = (BrokerSuite) context.getRequiredTestInstance();
        Started s = context.getRoot().getStore(NS).getOrComputeIfAbsent(suite.kind, k -> Started.of((Broker) k),
                Started.class);
        if (s.failure != null) {
            throw new IllegalStateException(suite.kind + " did not start", s.failure);
        }
        suite.broker = s.broker;
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
