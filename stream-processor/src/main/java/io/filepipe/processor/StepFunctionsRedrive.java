package io.filepipe.processor;

import io.filepipe.core.reconcile.Redrive;
import io.filepipe.core.reconcile.RedriveBatch;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Re-drives a batch by starting the processing state machine with it, asynchronously, exactly as
 * the pipe would have (same input shape); the execution is named after the batch.
 */
final class StepFunctionsRedrive implements Redrive {

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsRedrive(SfnClient sfn, String stateMachineArn) {
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }

    @Override
    public void start(RedriveBatch batch) {
        sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(batch.name()).input(batch.toJson().toString()));
    }
}
