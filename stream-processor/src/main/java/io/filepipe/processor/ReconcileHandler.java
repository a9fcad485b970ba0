package io.filepipe.processor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.Env;
import io.filepipe.core.reconcile.ReconcileReport;
import io.filepipe.core.reconcile.Reconciler;
import io.filepipe.core.store.DynamoDbFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The scheduled reconciler ({@code io.filepipe.processor.ReconcileHandler::handleRequest}, same
 * image as the processor): re-drives files stuck in PENDING or PROCESSING through the state
 * machine with StartExecution, removes uploaded objects that never got their item, and answers
 * with the report. The schedule's event is ignored.
 *
 * <p>Environment: see {@link ReconcilerConfig}.
 */
public final class ReconcileHandler implements RequestStreamHandler {

    private final ObjectMapper json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Reconciler reconciler;

    /** The runtime's constructor: configuration and clients, once per container. */
    public ReconcileHandler() {
        this(fromEnvironment(Env.parse(System.getenv(), ReconcilerConfig::from)));
    }

    public ReconcileHandler(Reconciler reconciler) {
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    }

    private static Reconciler fromEnvironment(ReconcilerConfig config) {
        AwsClients clients = AwsClients.withDefaultCredentials(config.aws());
        SfnClient sfn = clients.configureSync(SfnClient.builder(), config.aws().stepFunctionsEndpoint()).build();
        return new Reconciler(new DynamoDbFileStore(clients.dynamoDb(), config.table(), config.sweepShards()),
                new S3BlobStore(clients.s3(), clients.s3Presigner(), config.bucket()),
                new StepFunctionsRedrive(sfn, config.stateMachineArn()), Clock.systemUTC(), config.settings());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ReconcileReport report = reconciler.run();
        json.writeValue(output, report);
    }
}
