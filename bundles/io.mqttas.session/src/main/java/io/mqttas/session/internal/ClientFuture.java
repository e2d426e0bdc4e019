/* Issue 9 item 3: a blocking wait on a client's future from that client's own callbacks must not deadlock. */
package io.mqttas.session.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The futures the client hands out. They behave exactly as {@link CompletableFuture}s and are
 * completed on the client's {@link OrderedExecutor}; in addition, a thread that is about to block
 * in {@code get()} or {@code join()} while running one of a client's callbacks first lets that
 * client's later callbacks move to another thread ({@link OrderedExecutor#aboutToBlock()}), so the
 * completion it waits for can run. Stages derived from one are of this type too.
 */
final class ClientFuture<T> extends CompletableFuture<T> {

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new ClientFuture<>();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (!isDone()) {
            OrderedExecutor.aboutToBlock();
        }
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone()) {
            OrderedExecutor.aboutToBlock();
        }
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        if (!isDone()) {
            OrderedExecutor.aboutToBlock();
        }
        return super.join();
    }

    /** A future of this kind already failed with {@code error}. */
    static <T> ClientFuture<T> failed(Throwable error) {
        ClientFuture<T> f = new ClientFuture<>();
        f.completeExceptionally(error);
        return f;
    }

    /** A future of this kind already completed with {@code value}. */
    static <T> ClientFuture<T> completed(T value) {
        ClientFuture<T> f = new ClientFuture<>();
        f.complete(value);
        return f;
    }
}
