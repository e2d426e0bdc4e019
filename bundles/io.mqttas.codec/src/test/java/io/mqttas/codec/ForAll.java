package io.mqttas.codec;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over generated values. The seed is fixed per property (its name's hash), so every
 * run checks the same cases and a failure reproduces; {@code -Dcodec.seed=N} picks another seed and
 * {@code -Dcodec.tries=F} multiplies the number of tries (e.g. 10 for a long local run). A failure
 * names the property, the seed, the try and the value.
 */
final class ForAll {
    private ForAll() {
    }

    static <T> void check(String property, int tries, Gen<T> gen, Consumer<T> body) {
        long seed = Long.getLong("codec.seed", property.hashCode());
        double factor = Double.parseDouble(System.getProperty("codec.tries", "1"));
        int n = Math.max(1, (int) (tries * factor));
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            T value = gen.next(r);
            try {
                body.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed on try " + (i + 1) + " of " + n + " (-Dcodec.seed=" + seed + "): "
                        + describe(value) + "\n" + e, e);
            }
        }
    }

    /** Two generated values for one property. */
    static <A, B> void check(String property, int tries, Gen<A> a, Gen<B> b, java.util.function.BiConsumer<A, B> body) {
        check(property, tries, r -> new Object[] {a.next(r), b.next(r)}, pair -> {
            @SuppressWarnings("unchecked")
            A x = (A) pair[0];
            @SuppressWarnings("unchecked")
            B y = (B) pair[1];
            body.accept(x, y);
        });
    }

    private static String describe(Object value) {
        String s = value instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(value);
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
