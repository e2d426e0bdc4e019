package io.mqttas.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A seeded generator of test values: the small property-testing kit that replaced jqwik (whose 1.10
 * release prints an instruction into every build log). Combinators cover what the codec properties
 * need; {@link ForAll} runs a property with a reproducible seed.
 */
@FunctionalInterface
interface Gen<T> {

    T next(SplittableRandom r);

    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return r -> f.apply(next(r));
    }

    /** Draws until {@code keep} holds (at most 1000 tries, so a bad filter fails loudly instead of hanging). */
    default Gen<T> filter(Predicate<? super T> keep) {
        return r -> {
            for (int i = 0; i < 1000; i++) {
                T t = next(r);
                if (keep.test(t)) {
                    return t;
                }
            }
            throw new IllegalStateException("filter rejected 1000 values in a row");
        };
    }

    /** {@code null} with probability {@code p}. */
    default Gen<T> orNull(double p) {
        return r -> r.nextDouble() < p ? null : next(r);
    }

    default Gen<List<T>> list(int min, int max) {
        return r -> {
            int n = min + r.nextInt(max - min + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next(r));
            }
            return out;
        };
    }

    static <T> Gen<T> constant(T t) {
        return r -> t;
    }

    /** An int in {@code min..max}, with the two ends drawn more often (edge cases, as jqwik did). */
    static Gen<Integer> ints(int min, int max) {
        return r -> {
            int k = r.nextInt(20);
            return k == 0 ? min : k == 1 ? max : min + (int) r.nextLong((long) max - min + 1);
        };
    }

    static Gen<Long> longs(long min, long max) {
        return r -> {
            int k = r.nextInt(20);
            return k == 0 ? min : k == 1 ? max : min + r.nextLong(max - min + 1);
        };
    }

    static Gen<Boolean> booleans() {
        return SplittableRandom::nextBoolean;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return r -> values[r.nextInt(values.length)];
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return r -> gens[r.nextInt(gens.length)].next(r);
    }

    /** Pairs of (weight, generator). */
    static <T> Gen<T> frequency(Object... weightsAndGens) {
        int total = 0;
        for (int i = 0; i < weightsAndGens.length; i += 2) {
            total += (Integer) weightsAndGens[i];
        }
        int sum = total;
        return r -> {
            int k = r.nextInt(sum);
            for (int i = 0; i < weightsAndGens.length; i += 2) {
                k -= (Integer) weightsAndGens[i];
                if (k < 0) {
                    @SuppressWarnings("unchecked")
                    Gen<T> g = (Gen<T>) weightsAndGens[i + 1];
                    return g.next(r);
                }
            }
            throw new AssertionError();
        };
    }

    static Gen<byte[]> bytes(int min, int max) {
        return r -> {
            byte[] b = new byte[min + r.nextInt(max - min + 1)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            return b;
        };
    }

    /** A string of {@code 0..max} chars from {@code from..to}. */
    static Gen<String> strings(char from, char to, int max) {
        return r -> {
            int n = r.nextInt(max + 1);
            StringBuilder b = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                b.append((char) (from + r.nextInt(to - from + 1)));
            }
            return b.toString();
        };
    }
}
