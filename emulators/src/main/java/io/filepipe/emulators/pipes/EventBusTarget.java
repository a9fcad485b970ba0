package io.filepipe.emulators.pipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A pipe target that is an event bus, as an EventBridge Pipe with {@code EventBridgeEventBusParameters}
 * and an input template: every record of a batch becomes one event in EventBridge's envelope
 * ({@code version, id, detail-type, source, account, time, region, resources, detail}) whose
 * {@code detail} is the template applied to the record and whose {@code detail-type} is read from
 * the record by a Pipes dynamic path. The batch is put as one call; a failure fails the batch and
 * the pipe retries it.
 *
 * <p>The envelope's {@code id} is derived from the stream record's {@code eventID}, so a batch
 * the pipe sends again carries the same ids (EventBridge itself gives every put a new id: consumers
 * on AWS dedupe on the detail's own id, which the template copies from the record).
 */
public final class EventBusTarget implements PipeTarget {

    /** Where the events go: all of a batch's events, or an exception. */
    @FunctionalInterface
    public interface EventBus {
        void putEvents(List<ObjectNode> events) throws Exception;
    }

    private final String source;
    private final InputTransformer detailType;
    private final InputTransformer detail;
    private final String account;
    private final String region;
    private final EventBus bus;
    private final Clock clock;

    /**
     * @param detailTypePath a Pipes dynamic path ({@code $.a.b}) into the record
     * @throws UnsupportedTemplate if the path or the template use what {@link InputTransformer} refuses
     */
    public EventBusTarget(String source, String detailTypePath, String inputTemplate, String account, String region,
                          EventBus bus, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.detailType = InputTransformer.parse("<" + detailTypePath + ">");
        this.detail = InputTransformer.parse(inputTemplate);
        this.account = Objects.requireNonNull(account, "account");
        this.region = Objects.requireNonNull(region, "region");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void accept(String batchId, int attempt, ArrayNode batch) throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        for (JsonNode record : batch) {
            events.add(envelope(record));
        }
        bus.putEvents(events);
    }

    private ObjectNode envelope(JsonNode record) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("version", "0");
        event.put("id", UUID.nameUUIDFromBytes(record.path("eventID").asText().getBytes(
                StandardCharsets.UTF_8)).toString());
        event.put("detail-type", detailType.apply(record).asText());
        event.put("source", source);
        event.put("account", account);
        event.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources");
        event.set("detail", detail.apply(record));
        return event;
    }
}
