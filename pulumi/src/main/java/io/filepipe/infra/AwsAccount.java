package io.filepipe.infra;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.core.Output;

/** Where the stack is deployed: what ARNs of resources not created yet are built from. */
public record AwsAccount(String partition, String region, String accountId) {

    static Output<AwsAccount> current() {
        return Output.tuple(AwsFunctions.getPartition(), AwsFunctions.getRegion(), AwsFunctions.getCallerIdentity())
                .applyValue(t -> new AwsAccount(t.t1.partition(), t.t2.name(), t.t3.accountId()));
    }

    public String functionArn(String functionName) {
        return "arn:" + partition + ":lambda:" + region + ":" + accountId + ":function:" + functionName;
    }
}
