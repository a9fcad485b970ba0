package io.filepipe.infra.iam;

import java.util.Map;

/**
 * The only actions a filepipe policy may allow on {@code "Resource": "*"}: AWS offers no
 * resource-level scoping for them. {@link Statement} refuses a wildcard resource for any other
 * action, the tests scan every deployed policy against this list, and docs/deploy.md explains it.
 */
public final class UnscopedActions {

    /** Each action with the reason it cannot name a resource. */
    public static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("xray:PutTraceSegments",
                    "X-Ray segments have no resource ARN; needed for active tracing of both Lambdas and the workflow"),
            Map.entry("xray:PutTelemetryRecords",
                    "X-Ray telemetry has no resource ARN; sent alongside the trace segments"),
            Map.entry("xray:GetSamplingRules",
                    "sampling rules are read account-wide; Step Functions tracing asks for them"),
            Map.entry("xray:GetSamplingTargets",
                    "sampling targets are read account-wide; Step Functions tracing asks for them"),
            Map.entry("logs:CreateLogDelivery",
                    "Step Functions delivers its execution logs as vended logs; the log-delivery API has no resource type"),
            Map.entry("logs:GetLogDelivery", "as logs:CreateLogDelivery"),
            Map.entry("logs:UpdateLogDelivery", "as logs:CreateLogDelivery"),
            Map.entry("logs:DeleteLogDelivery", "as logs:CreateLogDelivery"),
            Map.entry("logs:ListLogDeliveries", "as logs:CreateLogDelivery"),
            Map.entry("logs:PutResourcePolicy",
                    "vended-log delivery adds the log group's resource policy; the action applies to the account's single policy store"),
            Map.entry("logs:DescribeResourcePolicies", "read before logs:PutResourcePolicy; account-wide"),
            Map.entry("logs:DescribeLogGroups",
                    "Step Functions checks the log destination exists; DescribeLogGroups lists the account's groups"),
            Map.entry("dynamodb:ListStreams",
                    "listed by EventBridge Pipes for a DynamoDB stream source; ListStreams has no resource type"));

    private UnscopedActions() {
    }

    public static boolean allowed(String action) {
        return REASONS.containsKey(action);
    }
}
