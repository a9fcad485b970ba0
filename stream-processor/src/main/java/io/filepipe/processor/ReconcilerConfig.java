package io.filepipe.processor;

import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.Env;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.core.store.SweepShards;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduled reconciler's settings ({@link ReconcileHandler}), read once per container from the
 * environment ({@code Env.parse(System.getenv(), ReconcilerConfig::from)}), and the environment that
 * gives a process these settings ({@link #toEnvironment()}).
 *
 * @param table           the file table ({@value #TABLE})
 * @param bucket          the bucket holding uploads and derived files ({@value #BUCKET})
 * @param stateMachineArn the workflow stuck files are re-driven through ({@value #STATE_MACHINE_ARN})
 * @param settings        when a file counts as stuck ({@code FILEPIPE_RECONCILE_*}, see {@link ReconcileSettings});
 *                        an unset processing age follows the processor's lease ({@value ProcessorConfig#LEASE})
 * @param sweepShards     keys per status of the sweep index it queries ({@value SweepShards#VARIABLE}), the same in every process
 * @param aws             region and endpoint overrides ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL*})
 */
public record ReconcilerConfig(String table, String bucket, String stateMachineArn, ReconcileSettings settings,
                               SweepShards sweepShards, AwsSettings aws) {

    public static final String TABLE = "FILEPIPE_TABLE";
    public static final String BUCKET = "FILEPIPE_BUCKET";
    public static final String STATE_MACHINE_ARN = "FILEPIPE_STATE_MACHINE_ARN";

    public ReconcilerConfig {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sweepShards, "sweepShards");
        Objects.requireNonNull(aws, "aws");
    }

    public static ReconcilerConfig from(Env env) {
        return new ReconcilerConfig(env.required(TABLE), env.required(BUCKET), env.required(STATE_MACHINE_ARN),
                ReconcileSettings.from(env, ProcessorConfig.lease(env)), SweepShards.from(env), AwsSettings.from(env));
    }

    /** These settings as the variables {@link #from} reads back into them. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new HashMap<>(aws.toEnvironment());
        env.putAll(settings.toEnvironment());
        env.putAll(sweepShards.toEnvironment());
        env.put(TABLE, table);
        env.put(BUCKET, bucket);
        env.put(STATE_MACHINE_ARN, stateMachineArn);
        return Map.copyOf(env);
    }
}
