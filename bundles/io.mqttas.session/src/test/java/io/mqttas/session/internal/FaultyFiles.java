/* Test support for issue 9 item 8: real files whose channel can run out of space, fail or stall an fsync, on cue. */
package io.mqttas.session.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link OutboxJournal.Opener} over the real file system whose channels obey shared switches:
 * {@link #spaceLeft} bytes the "disk" still takes (a write beyond it is cut short, then fails with
 * "No space left on device", as a full disk does), failing or stalled {@code force}, failing
 * {@code truncate}. It records opens and forces, so a test can check the order of fsyncs.
 */
final class FaultyFiles implements OutboxJournal.Opener {
    final AtomicLong spaceLeft = new AtomicLong(Long.MAX_VALUE);
    /** The files {@link #spaceLeft} applies to (default: all). */
    volatile java.util.function.Predicate<Path> limited = p -> true;
    volatile boolean failForce;
    volatile boolean failTruncate;
    /** When set, force() on a journal (.outbox) file waits for this latch (after counting down {@link #forceEntered}). */
    volatile CountDownLatch forceGate;
    volatile CountDownLatch forceEntered = new CountDownLatch(1);
    /** When set, writes to the compaction file wait for this latch. */
    volatile CountDownLatch compactGate;
    final CountDownLatch compactEntered = new CountDownLatch(1);
    final AtomicInteger journalForces = new AtomicInteger();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        events.add("open " + path.getFileName());
        return new Channel(path, FileChannel.open(path, options));
    }

    List<String> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    private static void await(CountDownLatch gate) throws IOException {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted at a test gate");
        }
    }

    private final class Channel extends FileChannel {
        private final Path path;
        private final FileChannel real;

        Channel(Path path, FileChannel real) {
            this.path = path;
            this.real = real;
        }

        private boolean journal() {
            return path.getFileName().toString().endsWith(".outbox");
        }

        private ByteBuffer allowed(ByteBuffer src) throws IOException {
            CountDownLatch gate = compactGate;
            if (gate != null && path.getFileName().toString().endsWith(".compact")) {
                compactEntered.countDown();
                await(gate);
            }
            long want = src.remaining();
            if (!limited.test(path)) {
                return src.slice();
            }
            long left = spaceLeft.getAndUpdate(v -> v == Long.MAX_VALUE ? v : Math.max(0, v - want));
            if (left == 0 && want > 0) {
                throw new IOException("No space left on device");
            }
            ByteBuffer part = src.slice();
            part.limit((int) Math.min(want, left));
            return part;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer part = allowed(src);
            int n = real.write(part);
            src.position(src.position() + n);
            return n;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            ByteBuffer part = allowed(src);
            int n = real.write(part, position);
            src.position(src.position() + n);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(srcs[i]);
            }
            return total;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            events.add("force " + path.getFileName());
            if (journal()) {
                journalForces.incrementAndGet();
                CountDownLatch gate = forceGate;
                if (gate != null) {
                    forceEntered.countDown();
                    await(gate);
                }
                if (failForce) {
                    throw new IOException("Input/output error (injected fsync failure)");
                }
            }
            real.force(metaData);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (failTruncate) {
                throw new IOException("Input/output error (injected truncate failure)");
            }
            real.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException("the outbox does not map files");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
