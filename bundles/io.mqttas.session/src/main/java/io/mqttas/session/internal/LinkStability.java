/* spec/mqtt_as.md §8.2 (the 5 s stability check) and issue 9 item 12: waiting for a stable link without holding a thread. */
package io.mqttas.session.internal;

import io.mqttas.session.LinkMonitor;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Before a connection attempt (except a {@code quick} first one) the link must have been up for
 * {@code stability_time} (the original's 5 s check). The link monitor is asked without waiting
 * ({@code awaitStable(stable, 0)}, on the work pool: a monitor may read the OS) and asked again on
 * every link change and every half second, until it says yes or {@code stability_time} + 60 s
 * passed. No thread waits meanwhile, so {@code disconnect()}/{@code close()} end a wait at once and a
 * thousand clients waiting for one link cost nothing (item 12).
 */
final class LinkStability {
    private static final long RECHECK_MILLIS = 500;
    private static final long GIVE_UP_AFTER_MILLIS = 60_000;

    private final ClientContext ctx;
    private final LinkMonitor monitor;
    private final long stableMillis;

    LinkStability(ClientContext ctx) {
        this.ctx = ctx;
        this.monitor = ctx.config.linkMonitor();
        this.stableMillis = Math.round(ctx.config.stabilityTime() * 1000);
    }

    /** One wait: {@code onStable} or {@code onFail} runs once, on the loop under the lock, unless cancelled. */
    final class Wait {
        private final Runnable onStable;
        private final Consumer<IOException> onFail;
        private final long deadline;
        private boolean cancelled;
        private boolean asking;
        private Scheduler.Task recheck = Scheduler.NONE;

        private Wait(Runnable onStable, Consumer<IOException> onFail) {
            this.onStable = onStable;
            this.onFail = onFail;
            this.deadline = ctx.clock.nowMillis() + stableMillis + GIVE_UP_AFTER_MILLIS;
        }

        /** Asks the monitor now (also on a link change). */
        void ask() {
            if (cancelled || asking) {
                return;
            }
            asking = true;
            recheck.cancel();
            ctx.work.execute(() -> {
                boolean stable;
                try {
                    stable = monitor.awaitStable(Duration.ofMillis(stableMillis), Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stable = false;
                } catch (RuntimeException e) {
                    stable = false;
                }
                boolean answer = stable;
                ctx.onLoop(() -> answered(answer));
            });
        }

        private void answered(boolean stable) {
            asking = false;
            if (cancelled) {
                return;
            }
            if (stable) {
                cancelled = true;
                onStable.run();
            } else if (ctx.clock.nowMillis() >= deadline) {
                cancelled = true;
                onFail.accept(new IOException("network link not up (or not stable for " + stableMillis + " ms)"));
            } else {
                recheck = ctx.later(RECHECK_MILLIS, this::ask);
            }
        }

        void cancel() {
            cancelled = true;
            recheck.cancel();
        }
    }

    /** Starts a wait (an always-up link is stable at once, without asking). */
    Wait await(Runnable onStable, Consumer<IOException> onFail) {
        Wait w = new Wait(onStable, onFail);
        if (monitor == LinkMonitor.ALWAYS_UP || stableMillis == 0 && monitor.isUp()) {
            w.cancelled = true;
            onStable.run();
        } else {
            w.ask();
        }
        return w;
    }
}
