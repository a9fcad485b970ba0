package io.filepipe.infra;

import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS as the program's mock: each resource echoes its inputs and adds the attributes AWS would
 * compute and the program reads (ARNs, names, endpoints, digests); the invokes answer for one
 * account and region. A missing attribute would silently resolve to null, so every one the program
 * uses is here.
 */
final class AwsMocks implements Mocks {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String POOL_ID = REGION + "_Mock";

    private final Map<String, Map<String, Object>> inputs = new ConcurrentHashMap<>();

    /** What the program declared for {@code resource}, as the engine received it. */
    Map<String, Object> inputs(Resource resource) {
        return inputs.get(resource.pulumiResourceType() + "::" + resource.pulumiResourceName());
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs resource) {
        inputs.put(resource.type + "::" + resource.name, resource.inputs);
        Map<String, Object> state = new HashMap<>(resource.inputs);
        // autonamed resources get their logical name; explicitly named ones keep their own
        state.putIfAbsent("name", resource.name);
        String name = (String) state.get("name");
        String id = name + "-id";
        switch (resource.type) {
            case "aws:s3/bucketV2:BucketV2" -> {
                id = name; // as on AWS: a bucket's id is its name
                state.put("bucket", name);
                state.put("arn", "arn:aws:s3:::" + name);
            }
            case "aws:dynamodb/table:Table" -> {
                state.put("arn", arn("dynamodb", "table/" + name));
                state.put("streamArn", arn("dynamodb", "table/" + name + "/stream/2026-11-24T00:00:00.000"));
            }
            case "aws:lambda/function:Function" -> {
                state.put("arn", arn("lambda", "function:" + name));
                state.put("invokeArn", "arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/"
                        + arn("lambda", "function:" + name) + "/invocations");
            }
            case "aws:cognito/userPool:UserPool" -> {
                id = POOL_ID;
                state.put("arn", arn("cognito-idp", "userpool/" + id));
                state.put("endpoint", "cognito-idp." + REGION + ".amazonaws.com/" + id);
            }
            case "aws:apigatewayv2/api:Api" -> {
                id = "mockapi";
                state.put("apiEndpoint", "https://" + id + ".execute-api." + REGION + ".amazonaws.com");
                state.put("executionArn", arn("execute-api", id));
            }
            case "aws:ecr/repository:Repository" -> {
                state.put("registryId", ACCOUNT);
                state.put("repositoryUrl", ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + name);
            }
            case "docker:index/image:Image" -> {
                String repository = ((String) resource.inputs.get("imageName")).replaceFirst(":[^:/]+$", "");
                state.put("repoDigest", repository + "@sha256:" + "%064x".formatted(name.hashCode() & 0xffffffffL));
            }
            case "aws:cloudwatch/logGroup:LogGroup" -> state.put("arn", arn("logs", "log-group:" + name));
            case "aws:sqs/queue:Queue" -> {
                state.put("arn", arn("sqs", name));
                state.put("url", "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name);
            }
            case "aws:sfn/stateMachine:StateMachine" -> state.put("arn", arn("states", "stateMachine:" + name));
            case "aws:iam/role:Role" -> state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + name);
            case "aws:sns/topic:Topic" -> state.put("arn", arn("sns", name));
            case "aws:cloudwatch/eventRule:EventRule" -> state.put("arn", arn("events", "rule/" + name));
            case "aws:cloudwatch/eventBus:EventBus" -> state.put("arn", arn("events", "event-bus/" + name));
            default -> {
                // the program reads nothing else back
            }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs call) {
        return CompletableFuture.completedFuture(switch (call.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity" ->
                    Map.of("accountId", ACCOUNT, "arn", "arn:aws:iam::" + ACCOUNT + ":user/deployer", "id", ACCOUNT,
                            "userId", "AIDAMOCK");
            case "aws:index/getRegion:getRegion" ->
                    Map.of("name", REGION, "id", REGION, "description", "Europe (Ireland)",
                            "endpoint", "ec2." + REGION + ".amazonaws.com");
            case "aws:index/getPartition:getPartition" ->
                    Map.of("partition", "aws", "id", "aws", "dnsSuffix", "amazonaws.com",
                            "reverseDnsPrefix", "com.amazonaws");
            case "aws:ecr/getAuthorizationToken:getAuthorizationToken" ->
                    Map.of("authorizationToken", "QVdTOnNlY3JldA==", "expiresAt", "2026-11-25T00:00:00Z", "id", REGION,
                            "password", "secret", "userName", "AWS",
                            "proxyEndpoint", "https://" + ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com");
            default -> throw new IllegalArgumentException("the program made an unexpected call: " + call.token);
        });
    }

    static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }
}
