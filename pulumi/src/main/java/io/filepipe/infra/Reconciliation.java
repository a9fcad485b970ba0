package io.filepipe.infra;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.core.Output;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.infra.iam.Permissions;
import io.filepipe.processor.ReconcilerConfig;
import java.util.List;

/**
 * The reconciler on a schedule: the processor's image started with the reconciler's handler. It
 * re-drives files the pipe left unfinished (a dead-lettered batch, an attempt killed by its timeout)
 * through the state machine and removes uploads that never got their item. A PROCESSING file counts
 * as stuck once the processor's lease (from its function timeout) and a margin have passed.
 */
final class Reconciliation {

    static final String NAME = "reconciler";
    static final String HANDLER = "io.filepipe.processor.ReconcileHandler::handleRequest";
    /** One run reads at most a few thousand keys and starts a few executions. */
    static final FunctionSettings SETTINGS = new FunctionSettings(1024, 120, FunctionSettings.UNRESERVED);

    private Reconciliation() {
    }

    static ContainerFunction create(StackConfig config, Storage storage, ContainerImage processorImage,
                                    Pipeline pipeline, Output<AwsAccount> account) {
        String name = config.name(NAME);
        var spec = new ContainerFunction.Spec(name, "re-drives stuck files and removes orphaned uploads", SETTINGS,
                List.of(HANDLER));
        ContainerFunction reconciler = ContainerFunction.create(config, spec, processorImage,
                logs -> Output.tuple(storage.bucket().arn(), storage.table().arn(), pipeline.workflow().arn(), logs)
                        .applyValue(t -> Permissions.reconciler(t.t1, t.t2, t.t3, t.t4)),
                Output.tuple(storage.table().name(), storage.bucket().bucket(), pipeline.workflow().arn(), account)
                        .applyValue(t -> new ReconcilerConfig(t.t1, t.t2, t.t3,
                                ReconcileSettings.defaults(Processor.timeouts(config.processor()).lease()),
                                config.sweepShards(), AwsSettings.onAws(t.t4.region())).toEnvironment()));
        EventRule schedule = new EventRule(name, EventRuleArgs.builder()
                .description("filepipe " + config.prefix() + ": reconcile unfinished files")
                .scheduleExpression(rate(config.reconcileEveryMinutes()))
                .build());
        new EventTarget(name, EventTargetArgs.builder()
                .rule(schedule.name())
                .arn(reconciler.function().arn())
                .build());
        new Permission(name, PermissionArgs.builder()
                .action("lambda:InvokeFunction")
                .function(reconciler.function().name())
                .principal("events.amazonaws.com")
                .sourceArn(schedule.arn())
                .build());
        return reconciler;
    }

    /** EventBridge's schedule syntax wants the singular for one. */
    static String rate(int minutes) {
        return "rate(" + minutes + (minutes == 1 ? " minute)" : " minutes)");
    }
}
