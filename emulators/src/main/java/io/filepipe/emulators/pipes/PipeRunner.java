package io.filepipe.emulators.pipes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.core.logging.LogLine;
import io.filepipe.core.pipeline.PipeSettings;
import io.filepipe.emulators.PrivateFiles;
import io.filepipe.emulators.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.event.ruler.Machine;

/**
 * Runs a pipe from a DynamoDB stream to a {@link PipeTarget} on a background thread. Per shard,
 * in lineage order (a child only after its parent is drained): records in Pipes shape are matched
 * against the filter, matching ones are sent in batches of at most {@code batchSize},
 * {@code parallelizationFactor} batches of a shard in flight at once (the next is sent as soon as
 * one is done, not when all are), and the shard's checkpoint moves past a batch only once the
 * target accepted it and every batch before it (or, after {@code maximumRetryAttempts} retries
 * with doubling backoff, once it was written to the dead-letter folder). A restart therefore
 * resends at most the batches in flight, never skips one. Matching records older than
 * {@code maximumRecordAgeInSeconds} go to the dead-letter folder unsent.
 * All its timing comes from the {@link Sleeper} (poll interval, retry backoff) and the {@link Clock}
 * (batching window) it is given.
 */
public final class PipeRunner implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(PipeRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS_PER_POLL = 1000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    private final Machine filter;
    private final PipeSettings settings;
    private final PipeTarget target;
    private final Checkpoints checkpoints;
    private final Path deadLetterDir;
    private final Duration pollInterval;
    private final Sleeper sleeper;
    private final Clock clock;
    /** Advances once per completed pass over the shards; terminated when the runner stops. */
    private final Phaser passes = new Phaser(1);
    private final Map<String, String> iterators = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final Thread thread;
    /** Where the batches of one shard run side by side, {@code parallelizationFactor} at most. */
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    /**
     * Matching records waiting to be sent from one shard, its batches in flight (oldest first, each
     * with the sequence number the checkpoint may move to once it and those before it are done), and
     * the last sequence number read there.
     */
    private static final class Pending {
        final List<ObjectNode> records = new ArrayList<>();
        final Deque<InFlight> inFlight = new ArrayDeque<>();
        Instant firstReadAt;
        String lastRead;
    }

    private record InFlight(Future<?> delivery, String through) {
    }

    /**
     * @param stateDir where {@code checkpoints.json} and {@code dlq/} live, or null to keep state in memory
     */
    public PipeRunner(DynamoDbStreamsClient streams, String streamArn, String region, String filterPattern,
                      PipeSettings settings, PipeTarget target, Path stateDir, Duration pollInterval, Sleeper sleeper,
                      Clock clock) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
        this.region = Objects.requireNonNull(region, "region");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.target = Objects.requireNonNull(target, "target");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.filter = Machine.builder().build();
        try {
            filter.addRule("pipe-filter", filterPattern);
        } catch (Exception e) {
            throw new IllegalArgumentException("the filter pattern is not a valid EventBridge pattern", e);
        }
        this.checkpoints = Checkpoints.load(stateDir == null ? null : stateDir.resolve("checkpoints.json"));
        this.deadLetterDir = stateDir == null ? null : stateDir.resolve("dlq");
        this.thread = Thread.ofPlatform().name("pipe-runner").daemon(true).unstarted(this::loop);
    }

    public PipeRunner start() {
        thread.start();
        return this;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            deliveries.shutdownNow(); // the loop still holds the checkpoints: keep them as they are
            return;
        }
        // the loop has stopped: keep what finished, resend on the next start what did not
        pending.forEach((shardId, waiting) -> {
            while (!waiting.inFlight.isEmpty() && waiting.inFlight.peek().delivery().state() == Future.State.SUCCESS) {
                checkpoints.advance(shardId, waiting.inFlight.remove().through());
            }
        });
        deliveries.shutdownNow();
    }

    /**
     * Blocks until the runner has completed {@code count} more passes over the stream's shards. A
     * pass under way at the call counts as the first, so after two every record written before the
     * call has been read and handed to the target (unless it waits for its batching window): a test
     * waits for two passes to show that something did not happen.
     *
     * @throws TimeoutException      if they did not complete within {@code timeout}
     * @throws IllegalStateException if the runner stops first
     */
    public void awaitPasses(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < count; i++) {
            int phase = passes.getPhase();
            if (phase < 0 || passes.awaitAdvanceInterruptibly(phase, Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS) < 0) {
                throw new IllegalStateException("the pipe has stopped");
            }
        }
    }

    private void loop() {
        try {
            while (running) {
                boolean read = false;
                try {
                    read = pollOnce();
                    passes.arrive();
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    LOG.warn(new LogLine("pipe_poll_failed").with("error", e.toString()));
                }
                if (!read) {
                    try {
                        sleeper.sleep(pollInterval);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        } finally {
            passes.forceTermination();
        }
    }

    /** One pass over every readable shard; true when any record was read. */
    boolean pollOnce() {
        boolean read = false;
        List<Shard> shards = describeShards();
        Set<String> known = new HashSet<>();
        shards.forEach(s -> known.add(s.shardId()));
        for (Shard shard : shards) {
            if (!running) {
                break;
            }
            String parent = shard.parentShardId();
            boolean parentPending = parent != null && known.contains(parent) && !checkpoints.isFinished(parent);
            if (checkpoints.isFinished(shard.shardId()) || parentPending) {
                continue;
            }
            read |= pollShard(shard.shardId());
        }
        return read;
    }

    private List<Shard> describeShards() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            var description = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(from))
                    .streamDescription();
            shards.addAll(description.shards());
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    private boolean pollShard(String shardId) {
        String iterator = iterators.computeIfAbsent(shardId, this::newIterator);
        GetRecordsResponse response;
        try {
            response = streams.getRecords(r -> r.shardIterator(iterator).limit(RECORDS_PER_POLL));
        } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
            iterators.remove(shardId);
            return false;
        }
        Pending waiting = pending.computeIfAbsent(shardId, id -> new Pending());
        List<ObjectNode> tooOld = new ArrayList<>();
        for (Record record : response.records()) {
            ObjectNode json = PipesRecords.toPipesJson(record, streamArn, region);
            if (waiting.records.isEmpty()) {
                waiting.firstReadAt = clock.instant();
            }
            if (matches(json)) {
                (tooOld(record) ? tooOld : waiting.records).add(json);
            }
            waiting.lastRead = record.dynamodb().sequenceNumber();
        }
        if (!tooOld.isEmpty()) {
            ArrayNode letters = JSON.createArrayNode().addAll(tooOld);
            deadLetter(shardId, "expired-" + tooOld.getFirst().path("dynamodb").path("SequenceNumber").asText(), letters,
                    new IllegalStateException("older than maximumRecordAgeInSeconds ("
                            + settings.maximumRecordAgeInSeconds() + ")"));
        }
        deliverReady(shardId, waiting, response.nextShardIterator() == null);
        if (response.nextShardIterator() == null) {
            iterators.remove(shardId);
            while (!waiting.inFlight.isEmpty()) {
                completeOldest(shardId, waiting);
            }
            if (waiting.records.isEmpty()) {
                checkpoints.finish(shardId);
                pending.remove(shardId);
            }
        } else {
            iterators.put(shardId, response.nextShardIterator());
        }
        return !response.records().isEmpty();
    }

    private String newIterator(String shardId) {
        Optional<String> after = checkpoints.sequenceNumber(shardId);
        return streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after.isPresent()) {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after.get());
            } else {
                r.shardIteratorType(ShardIteratorType.fromValue(settings.startingPosition()));
            }
        }).shardIterator();
    }

    /** Whether the record was written longer ago than the pipe's maximum record age (-1: none). */
    private boolean tooOld(Record record) {
        Instant written = record.dynamodb().approximateCreationDateTime();
        return settings.maximumRecordAgeInSeconds() >= 0 && written != null
                && written.plusSeconds(settings.maximumRecordAgeInSeconds()).isBefore(clock.instant());
    }

    private boolean matches(ObjectNode json) {
        try {
            return !filter.rulesForJSONEvent(json.toString()).isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException("filter evaluation failed", e);
        }
    }

    /**
     * Sends every batch that is ready (full, past its window, or the shard's last) without waiting
     * for it, keeping at most {@code parallelizationFactor} of the shard's batches in flight, and
     * moves the shard's checkpoint past a batch only once it and every batch before it are done: a
     * restart resends what was in flight, never skips it.
     */
    private void deliverReady(String shardId, Pending waiting, boolean shardEnded) {
        Duration window = Duration.ofSeconds(settings.maximumBatchingWindowInSeconds());
        while (!waiting.records.isEmpty()) {
            boolean full = waiting.records.size() >= settings.batchSize();
            boolean windowOver = !clock.instant().isBefore(waiting.firstReadAt.plus(window));
            if (!full && !windowOver && !shardEnded) {
                break;
            }
            int size = Math.min(settings.batchSize(), waiting.records.size());
            List<ObjectNode> batch = new ArrayList<>(waiting.records.subList(0, size));
            waiting.records.subList(0, size).clear();
            String through = waiting.records.isEmpty() ? waiting.lastRead
                    : batch.getLast().path("dynamodb").path("SequenceNumber").asText();
            while (waiting.inFlight.size() >= settings.parallelizationFactor()) {
                completeOldest(shardId, waiting);
            }
            waiting.inFlight.add(new InFlight(deliveries.submit(() -> deliver(shardId, batch)), through));
            waiting.firstReadAt = clock.instant();
        }
        while (!waiting.inFlight.isEmpty() && waiting.inFlight.peek().delivery().isDone()) {
            completeOldest(shardId, waiting);
        }
        if (waiting.records.isEmpty() && waiting.lastRead != null
                && !waiting.lastRead.equals(checkpoints.sequenceNumber(shardId).orElse(null))) {
            if (waiting.inFlight.isEmpty()) {
                checkpoints.advance(shardId, waiting.lastRead); // only filtered-out records were read
            } else if (!waiting.lastRead.equals(waiting.inFlight.peekLast().through())) {
                // filtered-out records after the batches in flight: passed once those are done
                waiting.inFlight.add(new InFlight(CompletableFuture.completedFuture(null), waiting.lastRead));
            }
        }
    }

    /** Waits for the shard's oldest batch in flight and moves the checkpoint past it. */
    private void completeOldest(String shardId, Pending waiting) {
        InFlight oldest = waiting.inFlight.peek();
        try {
            oldest.delivery().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pipe stopped while batches were in flight");
        } catch (ExecutionException e) {
            // a delivery ends in the target or the dead-letter folder; only a stop interrupts it
            throw new IllegalStateException("a batch was not delivered", e.getCause());
        }
        waiting.inFlight.remove();
        checkpoints.advance(shardId, oldest.through());
    }

    private void deliver(String shardId, List<ObjectNode> records) {
        ArrayNode batch = JSON.createArrayNode().addAll(records);
        String batchId = shardId.substring(Math.max(0, shardId.length() - 12)) + "-"
                + records.getFirst().path("dynamodb").path("SequenceNumber").asText();
        Exception last = null;
        for (int attempt = 1; attempt <= 1 + settings.maximumRetryAttempts(); attempt++) {
            try {
                target.accept(batchId, attempt, batch);
                return;
            } catch (Exception e) {
                last = e;
                LOG.warn(new LogLine("pipe_target_failed").with("batch", batchId).with("attempt", attempt)
                        .with("error", e.toString()));
                if (attempt <= settings.maximumRetryAttempts()) {
                    pause(Duration.ofSeconds(settings.retryBackoffSeconds()).multipliedBy(1L << (attempt - 1)));
                }
            }
        }
        deadLetter(shardId, batchId, batch, last);
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pipe stopped while retrying a batch");
        }
    }

    private void deadLetter(String shardId, String batchId, ArrayNode batch, Exception error) {
        LOG.error(new LogLine("pipe_batch_dead_lettered").with("batch", batchId).with("records", batch.size())
                .with("error", String.valueOf(error)));
        if (deadLetterDir == null) {
            return;
        }
        ObjectNode letter = JSON.createObjectNode();
        letter.put("batchId", batchId);
        letter.put("shardId", shardId);
        letter.put("streamArn", streamArn);
        letter.put("error", String.valueOf(error));
        letter.set("records", batch);
        try {
            PrivateFiles.replace(deadLetterDir.resolve(batchId + ".json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(letter));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the dead letter of batch " + batchId, e);
        }
    }
}
