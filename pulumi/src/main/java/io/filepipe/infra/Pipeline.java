package io.filepipe.infra;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.pipes.Pipe;
import com.pulumi.aws.pipes.PipeArgs;
import com.pulumi.aws.pipes.inputs.PipeLogConfigurationArgs;
import com.pulumi.aws.pipes.inputs.PipeLogConfigurationCloudwatchLogsLogDestinationArgs;
import com.pulumi.aws.pipes.inputs.PipeSourceParametersArgs;
import com.pulumi.aws.pipes.inputs.PipeSourceParametersDynamodbStreamParametersArgs;
import com.pulumi.aws.pipes.inputs.PipeSourceParametersDynamodbStreamParametersDeadLetterConfigArgs;
import com.pulumi.aws.pipes.inputs.PipeSourceParametersFilterCriteriaArgs;
import com.pulumi.aws.pipes.inputs.PipeSourceParametersFilterCriteriaFilterArgs;
import com.pulumi.aws.pipes.inputs.PipeTargetParametersArgs;
import com.pulumi.aws.pipes.inputs.PipeTargetParametersEventbridgeEventBusParametersArgs;
import com.pulumi.aws.pipes.inputs.PipeTargetParametersStepFunctionStateMachineParametersArgs;
import com.pulumi.aws.sfn.StateMachine;
import com.pulumi.aws.sfn.StateMachineArgs;
import com.pulumi.aws.sfn.inputs.StateMachineLoggingConfigurationArgs;
import com.pulumi.aws.sfn.inputs.StateMachineTracingConfigurationArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.filepipe.core.pipeline.PipeSettings;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.infra.iam.Permissions;
import io.filepipe.infra.iam.ServiceRole;
import io.filepipe.infra.iam.TrustPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * From a new item to a processed file: the pipe reads the table's stream, keeps only what core's
 * filter matches, and calls the state machine (core's workflow definition) with batches; failed
 * batches end in a dead-letter queue. Batching and invocation come from core's pipeline settings.
 */
public record Pipeline(StateMachine workflow, Queue deadLetters, LogGroup workflowLogs, LogGroup pipeLogs) {

    /** SQS keeps a message at most this long: the time there is to look at a failed batch. */
    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    public static Pipeline create(StackConfig config, Storage storage, ContainerFunction processor,
                                  Output<AwsAccount> account) {
        PipeSettings settings = PipelineDefinition.settings();
        LogGroup workflowLogs = LogGroups.vended(config, "states", config.name("workflow"));
        StateMachine workflow = workflow(config, settings, storage, processor, account, workflowLogs);

        String name = config.name("pipe");
        Queue deadLetters = new Queue(config.name("dead-letters"), QueueArgs.builder()
                .messageRetentionSeconds((int) DEAD_LETTER_RETENTION.toSeconds())
                .sqsManagedSseEnabled(true)
                .build());
        LogGroup pipeLogs = LogGroups.vended(config, "pipes", name);
        ServiceRole role = ServiceRole.create(name, "filepipe: the pipe from the table's stream to the workflow",
                account.applyValue(a -> TrustPolicy.of("pipes.amazonaws.com", a.accountId())),
                Output.tuple(storage.table().streamArn(), workflow.arn(), deadLetters.arn(), pipeLogs.arn())
                        .applyValue(t -> Permissions.pipe(t.t1, t.t2, t.t3, t.t4)));
        new Pipe(name, pipeArgs(new PipeArns(role.arn(), storage.table().streamArn(), workflow.arn(), deadLetters.arn(),
                pipeLogs.arn()), config.pipeLogLevel()), CustomResourceOptions.builder().dependsOn(role.policy()).build());
        return new Pipeline(workflow, deadLetters, workflowLogs, pipeLogs);
    }

    /** What a pipe connects: its role, the stream it reads, its target (workflow or bus), its dead letters and its logs. */
    public record PipeArns(Output<String> role, Output<String> stream, Output<String> target,
                           Output<String> deadLetters, Output<String> logGroup) {
    }

    /**
     * The processing pipe's arguments: core's filter to the workflow, called as {@link PipeSettings} say.
     * contract-tests runs this function on Pulumi's mocks and sends moto the recorded inputs as they
     * are (CreatePipe's fields are the provider's, capitalised), so what moto checks is what this
     * program deploys; there is no second mapping to drift from this one.
     */
    public static PipeArgs pipeArgs(PipeArns arns, String logLevel) {
        return pipeArgs(arns, PipelineDefinition.filterPattern(), logLevel, PipeTargetParametersArgs.builder()
                .stepFunctionStateMachineParameters(PipeTargetParametersStepFunctionStateMachineParametersArgs.builder()
                        .invocationType(PipelineDefinition.settings().invocationType())
                        .build())
                .build());
    }

    /**
     * The events pipe's arguments: core's events filter, its input template as the event's detail,
     * to the bus ({@code arns.target()}) with source {@value PipelineDefinition#EVENT_SOURCE} and the
     * terminal status as detail-type. Same mapping of the stream and {@link PipeSettings} as
     * {@link #pipeArgs(PipeArns, String)}; contract-tests sends moto this one too.
     */
    public static PipeArgs eventsPipeArgs(PipeArns arns, String logLevel) {
        return pipeArgs(arns, PipelineDefinition.eventsFilterPattern(), logLevel, PipeTargetParametersArgs.builder()
                .inputTemplate(PipelineDefinition.eventsInputTemplate())
                .eventbridgeEventBusParameters(PipeTargetParametersEventbridgeEventBusParametersArgs.builder()
                        .source(PipelineDefinition.EVENT_SOURCE)
                        .detailType(PipelineDefinition.EVENT_DETAIL_TYPE_PATH)
                        .build())
                .build());
    }

    /** The one mapping of a filter, {@link PipeSettings} and a target to an EventBridge Pipe reading the table's stream. */
    private static PipeArgs pipeArgs(PipeArns arns, String filterPattern, String logLevel,
                                     PipeTargetParametersArgs target) {
        PipeSettings settings = PipelineDefinition.settings();
        return PipeArgs.builder()
                .roleArn(arns.role())
                .source(arns.stream())
                .sourceParameters(PipeSourceParametersArgs.builder()
                        .filterCriteria(PipeSourceParametersFilterCriteriaArgs.builder()
                                .filters(PipeSourceParametersFilterCriteriaFilterArgs.builder()
                                        .pattern(Json.compact(filterPattern))
                                        .build())
                                .build())
                        .dynamodbStreamParameters(PipeSourceParametersDynamodbStreamParametersArgs.builder()
                                .startingPosition(settings.startingPosition())
                                .batchSize(settings.batchSize())
                                .maximumBatchingWindowInSeconds(settings.maximumBatchingWindowInSeconds())
                                .parallelizationFactor(settings.parallelizationFactor())
                                .maximumRecordAgeInSeconds(settings.maximumRecordAgeInSeconds())
                                .maximumRetryAttempts(settings.maximumRetryAttempts())
                                .deadLetterConfig(PipeSourceParametersDynamodbStreamParametersDeadLetterConfigArgs.builder()
                                        .arn(arns.deadLetters())
                                        .build())
                                .build())
                        .build())
                .target(arns.target())
                .targetParameters(target)
                .logConfiguration(PipeLogConfigurationArgs.builder()
                        .level(logLevel)
                        .cloudwatchLogsLogDestination(PipeLogConfigurationCloudwatchLogsLogDestinationArgs.builder()
                                .logGroupArn(arns.logGroup())
                                .build())
                        .build())
                .build();
    }

    private static StateMachine workflow(StackConfig config, PipeSettings settings, Storage storage,
                                         ContainerFunction processor, Output<AwsAccount> account, LogGroup logs) {
        String name = config.name("workflow");
        ServiceRole role = ServiceRole.create(name, "filepipe: the workflow that processes each new file",
                account.applyValue(a -> TrustPolicy.of("states.amazonaws.com", a.accountId())),
                Output.tuple(processor.function().arn(), storage.table().arn())
                        .applyValue(t -> Permissions.workflow(t.t1, t.t2)));
        return new StateMachine(name, StateMachineArgs.builder()
                .type(settings.workflowType())
                .roleArn(role.arn())
                .definition(Output.tuple(processor.function().arn(), storage.table().name())
                        .applyValue(t -> PipelineDefinition.workflow(Map.of(
                                PipelineDefinition.PROCESSOR_FUNCTION_ARN, t.t1,
                                PipelineDefinition.TABLE_NAME, t.t2))))
                .loggingConfiguration(StateMachineLoggingConfigurationArgs.builder()
                        .level(config.workflowLogLevel())
                        // the input holds the item's new image (file names, comments): states and errors only
                        .includeExecutionData(false)
                        // Step Functions wants the group's streams, ":*"
                        .logDestination(logs.arn().applyValue(arn -> arn + ":*"))
                        .build())
                .tracingConfiguration(StateMachineTracingConfigurationArgs.builder().enabled(config.tracing()).build())
                // creation fails if the role cannot deliver logs yet
                .build(), CustomResourceOptions.builder().dependsOn(role.policy()).build());
    }
}
