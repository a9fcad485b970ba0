package io.filepipe.contract;

import io.filepipe.core.pipeline.PipelineDefinition;
import java.util.Map;

/**
 * The requests that deploy the workflow definition to Step Functions, built in one place from
 * {@link PipelineDefinition}. Field names and nesting are the AWS API's own. The pipe's request
 * comes from the Pulumi program itself ({@link PulumiPipe}).
 */
final class PipelineRequests {

    static final String PROCESSOR_ARN = "arn:aws:lambda:" + MotoApi.REGION + ":" + MotoApi.ACCOUNT_ID
            + ":function:filepipe-processor";
    static final String WORKFLOW_ROLE_ARN = "arn:aws:iam::" + MotoApi.ACCOUNT_ID + ":role/filepipe-workflow";
    static final String PIPE_ROLE_ARN = "arn:aws:iam::" + MotoApi.ACCOUNT_ID + ":role/filepipe-pipe";
    static final String PIPE_LOG_GROUP_ARN = "arn:aws:logs:" + MotoApi.REGION + ":" + MotoApi.ACCOUNT_ID
            + ":log-group:/aws/vendedlogs/pipes/filepipe-pipe";

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
}
