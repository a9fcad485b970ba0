package io.filepipe.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.core.logging.LogLine;
import io.filepipe.emulators.PrivateFiles;
import io.filepipe.emulators.Sleeper;
import io.filepipe.emulators.pipes.EventBusTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The stack's event bus: appends every event, one JSON line each, to {@code events.jsonl} in its
 * directory (forced to disk before the put returns, so the pipe checkpoints only what is kept), and
 * POSTs it to each webhook. A webhook that does not answer 2xx is retried
 * {@value #WEBHOOK_ATTEMPTS} times in all with doubling pauses from {@link #FIRST_RETRY}, then the
 * event goes, with the URL and the last error, to {@code webhook-dead-letters.jsonl}: the local
 * stand-in for a rule target's retry policy and dead-letter queue. Webhook deliveries run in the
 * background and do not hold up the pipe; those still under way when the stack stops are lost.
 * A line a kill tore stays alone on its line: readers skip a line that is not JSON.
 */
final class LocalEventBus implements EventBusTarget.EventBus, AutoCloseable {

    static final String EVENTS_FILE = "events.jsonl";
    static final String DEAD_LETTERS_FILE = "webhook-dead-letters.jsonl";
    static final int WEBHOOK_ATTEMPTS = 5;
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LogManager.getLogger(LocalEventBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<URI> webhooks;
    private final Sleeper sleeper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WEBHOOK_TIMEOUT).build();
    private final ExecutorService deliveries = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-", 0).factory());

    LocalEventBus(Path dir, List<URI> webhooks, Sleeper sleeper) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.webhooks = List.copyOf(webhooks);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        endTornLine(dir.resolve(EVENTS_FILE));
    }

    /**
     * A process killed while appending can leave half a line at the end: it is ended here so the
     * next event starts a line of its own (the record is sent again, its checkpoint never moved).
     */
    private static void endTornLine(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            if (channel.size() > 0 && channel.read(last, channel.size() - 1) == 1 && last.get(0) != '\n') {
                PrivateFiles.append(file, new byte[] {'\n'});
            }
        } catch (NoSuchFileException none) {
            // no event yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public synchronized void putEvents(List<ObjectNode> events) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (ObjectNode event : events) {
            lines.append(JSON.writeValueAsString(event)).append('\n');
        }
        PrivateFiles.append(dir.resolve(EVENTS_FILE), lines.toString().getBytes(StandardCharsets.UTF_8));
        for (ObjectNode event : events) {
            for (URI webhook : webhooks) {
                deliveries.execute(() -> deliver(webhook, event));
            }
        }
    }

    private void deliver(URI webhook, ObjectNode event) {
        String body = event.toString();
        String lastError = null;
        Duration pause = FIRST_RETRY;
        for (int attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhook).timeout(WEBHOOK_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                lastError = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastError = e.toString();
            } catch (InterruptedException e) {
                return;
            }
            LOG.warn(new LogLine("webhook_delivery_failed").with("url", webhook.toString())
                    .with("eventId", event.path("id").asText()).with("attempt", attempt).with("error", lastError));
            if (attempt < WEBHOOK_ATTEMPTS) {
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
                pause = pause.multipliedBy(2);
            }
        }
        deadLetter(webhook, event, lastError);
    }

    private synchronized void deadLetter(URI webhook, ObjectNode event, String error) {
        ObjectNode letter = JSON.createObjectNode();
        letter.put("url", webhook.toString());
        letter.put("attempts", WEBHOOK_ATTEMPTS);
        letter.put("error", error);
        letter.set("event", event);
        try {
            PrivateFiles.append(dir.resolve(DEAD_LETTERS_FILE), (letter + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error(new LogLine("webhook_dead_letter_lost").with("url", webhook.toString())
                    .with("eventId", event.path("id").asText()).with("error", e.toString()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        deliveries.shutdownNow();
        deliveries.awaitTermination(5, TimeUnit.SECONDS);
    }
}
