package io.filepipe.processor;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the CPU-bound work on one image (decoding, thumbnails) on a worker thread and waits for it
 * no longer than the budget. What an image costs is not its size: a few hundred KB of repeated
 * JPEG scans or of deflated PNG rows can keep a decoder busy for minutes. The budget, shorter
 * than the function timeout, ends such a file as rejected while the function still has time to
 * record that. On expiry the work is asked to stop ({@link Cancellation}) and interrupted, and the
 * caller goes on without it.
 *
 * <p>The work runs on platform threads, never on the caller's: locally the workflow's Map runs a
 * batch's files on virtual threads, and a CPU-bound decoder would pin the few carrier threads and
 * hold up every other file of the batch.
 */
final class ImageBudget {

    private static final Logger LOG = LogManager.getLogger(ImageBudget.class);

    private final Duration limit;
    private final ExecutorService workers = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("filepipe-image-", 0).daemon(true).factory());

    ImageBudget(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the image budget must be positive");
        }
        this.limit = limit;
    }

    Duration limit() {
        return limit;
    }

    /**
     * The work's result, or empty when it did not finish within the budget. What the work throws
     * is thrown here.
     */
    <T> Optional<T> run(Function<Cancellation, T> work) {
        Cancellation cancellation = new Cancellation();
        Future<T> result = workers.submit(() -> work.apply(cancellation));
        try {
            return Optional.of(result.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            stop(cancellation, result);
            LOG.warn("image work stopped: it took longer than its budget of {} ms", limit.toMillis());
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("image work failed", e.getCause());
        } catch (InterruptedException e) {
            stop(cancellation, result);
            Thread.currentThread().interrupt();
            // like a read of the object that breaks off: worth a retry, not a verdict on the file
            throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting for the image work"));
        }
    }

    private static void stop(Cancellation cancellation, Future<?> result) {
        cancellation.request();
        result.cancel(true);
    }
}
