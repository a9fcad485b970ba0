package io.filepipe.infra;

import com.pulumi.core.Output;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.infra.iam.Permissions;
import io.filepipe.processor.ProcessorConfig;
import io.filepipe.processor.ProcessorTimeouts;
import java.util.List;

/**
 * The stream-processor function the workflow invokes for every new file. Its timeout is the one
 * setting its time limits come from: the image budget and the claim lease in its environment, and
 * the reconciler's PROCESSING age ({@link #timeouts}).
 */
final class Processor {

    static final String NAME = "stream-processor";

    private Processor() {
    }

    static ContainerFunction create(StackConfig config, Storage storage, ContainerImage image,
                                    Output<AwsAccount> account) {
        var spec = new ContainerFunction.Spec(config.name(NAME), "processes every uploaded file once",
                config.processor(), List.of());
        return ContainerFunction.create(config, spec, image,
                logs -> Output.tuple(storage.bucket().arn(), storage.table().arn(), logs)
                        .applyValue(t -> Permissions.processor(t.t1, t.t2, t.t3)),
                Output.tuple(storage.table().name(), storage.bucket().bucket(), account)
                        .applyValue(t -> ProcessorConfig.of(t.t1, t.t2, timeouts(config.processor()),
                                config.sweepShards(), AwsSettings.onAws(t.t3.region())).toEnvironment()));
    }

    /** The time limits of the deployed function, from its timeout. */
    static ProcessorTimeouts timeouts(FunctionSettings processor) {
        return ProcessorTimeouts.ofSeconds(processor.timeoutSeconds());
    }
}
