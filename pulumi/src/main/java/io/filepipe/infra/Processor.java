package io.filepipe.infra;

import com.pulumi.core.Output;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.infra.iam.Permissions;
import io.filepipe.processor.ProcessorConfig;
import java.time.Duration;
import java.util.List;

/** The stream-processor function the workflow invokes for every new file. */
final class Processor {

    static final String NAME = "stream-processor";
    /** Added to the function timeout: a claim outlives any attempt that can still be running. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(60);

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
                        .applyValue(t -> ProcessorConfig.of(t.t1, t.t2, lease(config.processor()),
                                AwsSettings.onAws(t.t3.region())).toEnvironment()));
    }

    static Duration lease(FunctionSettings processor) {
        return Duration.ofSeconds(processor.timeoutSeconds()).plus(LEASE_MARGIN);
    }
}
