package io.filepipe.infra;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;

/**
 * Every log group is created here, before whatever writes to it, so that each has the configured
 * retention and no service creates one of its own that keeps logs forever.
 */
final class LogGroups {

    private LogGroups() {
    }

    /** Where Lambda writes the function {@code functionName}'s logs by default. */
    static LogGroup forFunction(StackConfig config, String functionName) {
        return create(config, functionName, "/aws/lambda/" + functionName);
    }

    /**
     * A group for logs a service delivers (Step Functions, Pipes): under {@code /aws/vendedlogs/},
     * the prefix AWS recommends so that delivery does not grow the account's log resource policy.
     */
    static LogGroup vended(StackConfig config, String service, String name) {
        return create(config, name, "/aws/vendedlogs/" + service + "/" + name);
    }

    static LogGroup create(StackConfig config, String logicalName, String groupName) {
        return new LogGroup(logicalName, LogGroupArgs.builder()
                .name(groupName)
                .retentionInDays(config.logRetentionDays())
                .build());
    }
}
