package io.filepipe.contract;

import io.filepipe.core.pipeline.PipeSettings;
import io.filepipe.core.pipeline.PipelineDefinition;
import java.util.List;
import java.util.Map;

/**
 * The requests that deploy the pipeline's definition files to Step Functions and EventBridge
 * Pipes, built in one place from {@link PipelineDefinition} so that they can be set beside what
 * the Pulumi program sends. Field names and nesting are the AWS APIs' own.
 */
final class PipelineRequests {

    static final String PROCESSOR_ARN = "arn:aws:lambda:" + MotoApi.REGION + ":" + MotoApi.ACCOUNT_ID
            + ":function:filepipe-processor";
    static final String WORKFLOW_ROLE_ARN = "arn:aws:iam::" + MotoApi.ACCOUNT_ID + ":role/filepipe-workflow";
    static final String PIPE_ROLE_ARN = "arn:aws:iam::" + MotoApi.ACCOUNT_ID + ":role/filepipe-pipe";

    private PipelineRequests() {
    }

    /** The workflow with its placeholders filled as Pulumi fills them. */
    static String workflow(String table) {
        return PipelineDefinition.workflow(Map.of(
                PipelineDefinition.PROCESSOR_FUNCTION_ARN, PROCESSOR_ARN,
                PipelineDefinition.TABLE_NAME, table));
    }

    /** CreateStateMachine for the workflow, of the type the pipeline settings choose. */
    static Map<String, Object> createStateMachine(String name, String definition) {
        return Map.of(
                "name", name,
                "definition", definition,
                "roleArn", WORKFLOW_ROLE_ARN,
                "type", PipelineDefinition.settings().workflowType());
    }

    /** The body of CreatePipe: the table's stream, filtered and batched, into the state machine. */
    static Map<String, Object> createPipe(String streamArn, String stateMachineArn, String deadLetterQueueArn) {
        PipeSettings settings = PipelineDefinition.settings();
        return Map.of(
                "Source", streamArn,
                "Target", stateMachineArn,
                "RoleArn", PIPE_ROLE_ARN,
                "SourceParameters", Map.of(
                        "FilterCriteria", Map.of("Filters", List.of(
                                Map.of("Pattern", PipelineDefinition.filterPattern()))),
                        "DynamoDBStreamParameters", Map.of(
                                "StartingPosition", settings.startingPosition(),
                                "BatchSize", settings.batchSize(),
                                "MaximumBatchingWindowInSeconds", settings.maximumBatchingWindowInSeconds(),
                                "MaximumRetryAttempts", settings.maximumRetryAttempts(),
                                "DeadLetterConfig", Map.of("Arn", deadLetterQueueArn))),
                "TargetParameters", Map.of(
                        "StepFunctionStateMachineParameters", Map.of("InvocationType", settings.invocationType())));
    }
}
