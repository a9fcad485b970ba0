package io.filepipe.infra.iam;

import io.filepipe.infra.Json;
import java.util.List;
import java.util.Map;

/** Policies attached to resources rather than to roles. */
public final class ResourcePolicies {

    private ResourcePolicies() {
    }

    /** The bucket's policy: every request that does not come over TLS is denied, for the bucket and its objects. */
    public static String denyInsecureTransport(String bucketArn) {
        return Json.write(Map.of(
                "Version", PolicyDocument.VERSION,
                "Statement", List.of(Map.of(
                        "Sid", "DenyInsecureTransport",
                        "Effect", "Deny",
                        "Principal", "*",
                        "Action", "s3:*",
                        "Resource", List.of(bucketArn, bucketArn + "/*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))));
    }

    /**
     * A repository's policy: the Lambda service may pull the image, only for {@code functionArns}.
     * Written here so that Lambda need not add it on its own at function creation, which would take
     * ecr:SetRepositoryPolicy from the deployer and leave a policy Pulumi does not know.
     */
    public static String lambdaImagePull(List<String> functionArns) {
        return Json.write(Map.of(
                "Version", PolicyDocument.VERSION,
                "Statement", List.of(Map.of(
                        "Sid", "LambdaImagePull",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "lambda.amazonaws.com"),
                        "Action", List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"),
                        "Condition", Map.of("StringEquals", Map.of("aws:sourceArn", functionArns))))));
    }

    /** A topic's policy: EventBridge may publish to it, only for the rule {@code ruleArn}. */
    public static String eventsPublishTo(String topicArn, String ruleArn) {
        return Json.write(Map.of(
                "Version", PolicyDocument.VERSION,
                "Statement", List.of(Map.of(
                        "Sid", "EventBridgePublish",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Resource", topicArn,
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArn))))));
    }
}
