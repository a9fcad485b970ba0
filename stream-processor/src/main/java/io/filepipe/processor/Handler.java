package io.filepipe.processor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.Env;
import io.filepipe.core.store.DynamoDbFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;

/**
 * The Lambda entry point ({@code io.filepipe.processor.Handler::handleRequest}): parse the input,
 * process each file in order, answer with one result per file. A single event gets a single
 * {@link FileResult} object; a JSON array gets {@code {"results":[…]}} in input order.
 */
public final class Handler implements RequestStreamHandler {

    private static final Logger LOG = LogManager.getLogger(Handler.class);

    private final EventParser parser = new EventParser();
    private final ObjectMapper json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final FileProcessor processor;

    /**
     * The runtime's constructor, run once per container: configuration from the environment (a
     * {@link io.filepipe.core.config.ConfigException} fails the init), clients built here and reused
     * by every invocation.
     */
    public Handler() {
        this(fromEnvironment(Env.parse(System.getenv(), ProcessorConfig::from)));
    }

    public Handler(FileProcessor processor) {
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    private static FileProcessor fromEnvironment(ProcessorConfig config) {
        AwsClients clients = AwsClients.withDefaultCredentials(config.aws());
        // the store wants a presigner for downloads; the processor never presigns, building one is cheap
        S3BlobStore blobs = new S3BlobStore(clients.s3(), clients.s3Presigner(), config.bucket());
        return new FileProcessor(config, new DynamoDbFileStore(clients.dynamoDb(), config.table(), config.sweepShards()), blobs,
                Clock.systemUTC(), new LambdaEnvironment());
    }

    @Override
    @SuppressWarnings("try") // the thread context is the resource; the body only needs it to be open
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (CloseableThreadContext.Instance ignored = CloseableThreadContext.put("requestId", context.getAwsRequestId())) {
            ProcessorEvent event;
            try {
                event = parser.parse(input);
            } catch (InvalidEventException e) {
                LOG.warn("invalid event: {}", e.getMessage());
                throw e;
            }
            List<FileResult> results = event.files().stream().map(processor::process).map(FileResult::of).toList();
            json.writeValue(output, event.batch() ? Map.of("results", results) : results.getFirst());
        }
    }
}
