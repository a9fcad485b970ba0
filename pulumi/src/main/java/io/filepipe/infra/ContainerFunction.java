package io.filepipe.infra;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionImageConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionTracingConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.infra.iam.PolicyDocument;
import io.filepipe.infra.iam.ServiceRole;
import io.filepipe.infra.iam.TrustPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Lambda function run from a container image, with its own role, its log group (created first,
 * with the stack's retention) and, when the stack turns it on, X-Ray tracing.
 */
public record ContainerFunction(String name, Function function, LogGroup logGroup) {

    static final String LAMBDA_SERVICE = "lambda.amazonaws.com";
    /** Lambda sets these itself and refuses a function that declares them. */
    static final Set<String> RESERVED_VARIABLES = Set.of(AwsSettings.REGION, AwsSettings.DEFAULT_REGION);

    /**
     * What distinguishes one function.
     *
     * @param name    the function's name, which its image's pull policy names too
     * @param command replaces the image's CMD (e.g. another handler); empty keeps it
     */
    record Spec(String name, String description, FunctionSettings settings, List<String> command) {
    }

    /** The role's policy, given the ARN of the log group it must let the function write to. */
    @FunctionalInterface
    interface PolicyWithLogs {
        Output<PolicyDocument> of(Output<String> logGroupArn);
    }

    /**
     * @param environment the function's configuration as an environment (its config record's
     *                    {@code toEnvironment()}); the variables Lambda sets itself are left out
     */
    static ContainerFunction create(StackConfig config, Spec spec, ContainerImage image, PolicyWithLogs policy,
                                    Output<Map<String, String>> environment) {
        LogGroup logGroup = LogGroups.forFunction(config, spec.name());
        ServiceRole role = ServiceRole.create(spec.name(), "filepipe: " + spec.description(),
                Output.of(TrustPolicy.of(LAMBDA_SERVICE)), policy.of(logGroup.arn()));
        FunctionArgs.Builder args = FunctionArgs.builder()
                .name(spec.name())
                .description(spec.description())
                .packageType("Image")
                .imageUri(image.digest())
                .architectures(config.architecture().lambdaName())
                .memorySize(spec.settings().memoryMb())
                .timeout(spec.settings().timeoutSeconds())
                .reservedConcurrentExecutions(spec.settings().reservedConcurrency())
                .role(role.arn())
                .environment(FunctionEnvironmentArgs.builder().variables(environment.applyValue(ContainerFunction::declarable)).build())
                // system lines (START, REPORT, errors) as JSON like the application's own lines
                .loggingConfig(FunctionLoggingConfigArgs.builder().logFormat("JSON").logGroup(logGroup.name()).build())
                // PassThrough: no traces of its own, only for callers that trace (none do with tracing off)
                .tracingConfig(FunctionTracingConfigArgs.builder().mode(config.tracing() ? "Active" : "PassThrough").build());
        if (!spec.command().isEmpty()) {
            args.imageConfig(FunctionImageConfigArgs.builder().commands(spec.command()).build());
        }
        Function function = new Function(spec.name(), args.build(), CustomResourceOptions.builder()
                // a function that starts before its policy or pull permission exists fails its first calls
                .dependsOn(role.policy(), image.pullPolicy())
                .build());
        return new ContainerFunction(spec.name(), function, logGroup);
    }

    private static Map<String, String> declarable(Map<String, String> environment) {
        Map<String, String> declared = new HashMap<>(environment);
        declared.keySet().removeAll(RESERVED_VARIABLES);
        return Map.copyOf(declared);
    }
}
