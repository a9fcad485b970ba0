package io.filepipe.infra;

import com.pulumi.core.Output;
import io.filepipe.infra.iam.Permissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The stream-processor function the workflow invokes for every new file. */
final class Processor {

    static final String NAME = "stream-processor";
    /** Added to the function timeout: a claim outlives any attempt that can still be running. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(60);

    private Processor() {
    }

    static ContainerFunction create(StackConfig config, Storage storage, ContainerImage image) {
        var spec = new ContainerFunction.Spec(config.name(NAME), "processes every uploaded file once",
                config.processor(), List.of());
        return ContainerFunction.create(config, spec, image,
                logs -> Output.tuple(storage.bucket().arn(), storage.table().arn(), logs)
                        .applyValue(t -> Permissions.processor(t.t1, t.t2, t.t3)),
                Output.tuple(storage.table().name(), storage.bucket().bucket())
                        .applyValue(t -> Map.of(
                                "FILEPIPE_TABLE", t.t1,
                                "FILEPIPE_BUCKET", t.t2,
                                "FILEPIPE_LEASE", lease(config.processor()).toString())));
    }

    static Duration lease(FunctionSettings processor) {
        return Duration.ofSeconds(processor.timeoutSeconds()).plus(LEASE_MARGIN);
    }
}
