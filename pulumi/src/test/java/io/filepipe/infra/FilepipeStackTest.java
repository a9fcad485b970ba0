package io.filepipe.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.apigatewayv2.Authorizer;
import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.Route;
import com.pulumi.aws.apigatewayv2.Stage;
import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.aws.cloudwatch.EventBus;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.QueryDefinition;
import com.pulumi.aws.cognito.UserPool;
import com.pulumi.aws.cognito.UserPoolClient;
import com.pulumi.aws.cognito.UserPoolDomain;
import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryPolicy;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.pipes.Pipe;
import com.pulumi.aws.s3.BucketCorsConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.outputs.BucketCorsConfigurationV2CorsRule;
import com.pulumi.aws.s3.outputs.BucketLifecycleConfigurationV2Rule;
import com.pulumi.aws.sfn.StateMachine;
import com.pulumi.aws.schemas.Registry;
import com.pulumi.aws.schemas.Schema;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.core.Output;
import com.pulumi.docker.Image;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.filepipe.api.ApiConfig;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.Env;
import io.filepipe.core.pipeline.PipeSettings;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.SweepShards;
import io.filepipe.infra.iam.UnscopedActions;
import io.filepipe.processor.MetricNames;
import io.filepipe.processor.ProcessorConfig;
import io.filepipe.processor.ProcessorTimeouts;
import io.filepipe.processor.ReconcilerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole program, run once on {@link AwsMocks} with a stack configuration that leaves no
 * default untouched where it matters (arm64, a reserved concurrency, two alarm addresses); each
 * test checks one property group of what it declared.
 */
class FilepipeStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK = "test";
    private static final Map<String, String> CONFIG = Map.of(
            "aws:region", AwsMocks.REGION,
            "filepipe:architecture", "arm64",
            "filepipe:processorReservedConcurrency", "5",
            "filepipe:processorTimeoutSeconds", "90",
            "filepipe:alarmEmail", "ops@example.com, oncall@example.com",
            "filepipe:webOrigins", "https://app.example.com",
            "filepipe:eventEmail", "owner@example.com",
            "filepipe:sweepShards", "48");

    private static final AwsMocks MOCKS = new AwsMocks();
    private static TestResult result;

    @BeforeAll
    static void deploy() throws Exception {
        // JDK 25 with a single-worker common pool livelocks the SDK (pulumi-java#2270): fail, not hang
        assertTrue(Runtime.version().feature() < 25 || ForkJoinPool.getCommonPoolParallelism() >= 2,
                "run with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 (pulumi/pom.xml sets it)");
        result = PulumiTestInternal.builder()
                .mocks(MOCKS)
                .options(TestOptions.builder().projectName("filepipe").stackName(STACK).build())
                .config(CONFIG)
                .build()
                .runTestAsync(FilepipeStack::define)
                .get(60, TimeUnit.SECONDS);
        // a failing program does not throw: its exceptions are collected
        assertEquals(List.of(), result.exceptions());
        assertEquals(List.of(), result.errors());
    }

    @AfterAll
    static void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void bucketIsPrivateEncryptedVersionedAndTlsOnly() {
        BucketV2 bucket = only(BucketV2.class);
        String bucketName = value(bucket.bucket());
        String bucketArn = value(bucket.arn());

        BucketPublicAccessBlock block = only(BucketPublicAccessBlock.class);
        assertEquals(bucketName, value(block.bucket()));
        assertEquals(List.of(true, true, true, true), List.of(
                value(block.blockPublicAcls()).orElseThrow(), value(block.ignorePublicAcls()).orElseThrow(),
                value(block.blockPublicPolicy()).orElseThrow(), value(block.restrictPublicBuckets()).orElseThrow()));

        BucketPolicy policy = only(BucketPolicy.class);
        assertEquals(bucketName, value(policy.bucket()));
        JsonNode deny = json(value(policy.policy())).path("Statement").get(0);
        assertEquals("Deny", deny.path("Effect").asText());
        assertEquals("*", deny.path("Principal").asText());
        assertEquals("s3:*", deny.path("Action").asText());
        assertEquals(Set.of(bucketArn, bucketArn + "/*"), texts(deny.path("Resource")));
        assertEquals("false", deny.path("Condition").path("Bool").path("aws:SecureTransport").asText());

        assertEquals("AES256", value(only(BucketServerSideEncryptionConfigurationV2.class).rules()).getFirst()
                .applyServerSideEncryptionByDefault().orElseThrow().sseAlgorithm());
        assertEquals("Enabled", value(only(BucketVersioningV2.class).versioningConfiguration()).status());
    }

    @Test
    void oldVersionsOfDerivedFilesExpireSoonerThanUploads() {
        List<BucketLifecycleConfigurationV2Rule> rules =
                value(only(BucketLifecycleConfigurationV2.class).rules()).orElseThrow();
        Map<String, Integer> daysByPrefix = rules.stream()
                .filter(rule -> rule.status().equals("Enabled"))
                .collect(Collectors.toMap(rule -> rule.filter().orElseThrow().prefix().orElseThrow(),
                        rule -> rule.noncurrentVersionExpiration().orElseThrow().noncurrentDays()));
        assertEquals(Map.of(KeyScheme.DERIVED_PREFIX, Storage.DERIVED_VERSIONS_DAYS,
                KeyScheme.UPLOADS_PREFIX, Storage.UPLOAD_VERSIONS_DAYS), daysByPrefix);
    }

    @Test
    void incompleteMultipartUploadsAreAbortedADayAfterTheyStarted() {
        List<BucketLifecycleConfigurationV2Rule> rules =
                value(only(BucketLifecycleConfigurationV2.class).rules()).orElseThrow();
        BucketLifecycleConfigurationV2Rule uploads = rules.stream()
                .filter(rule -> rule.filter().orElseThrow().prefix().orElseThrow().equals(KeyScheme.UPLOADS_PREFIX))
                .findFirst().orElseThrow();

        assertEquals(1, uploads.abortIncompleteMultipartUpload().orElseThrow().daysAfterInitiation().orElseThrow());
    }

    @Test
    void browsersOfTheWebAppAndTheConfiguredOriginsMayOnlyPutAndReadTheEtag() {
        BucketCorsConfigurationV2 cors = only(BucketCorsConfigurationV2.class);
        BucketCorsConfigurationV2CorsRule rule = value(cors.corsRules()).getFirst();

        assertEquals(value(only(BucketV2.class).bucket()), value(cors.bucket()));
        assertEquals(1, value(cors.corsRules()).size());
        assertEquals(List.of("PUT"), rule.allowedMethods());
        assertEquals(List.of(output("apiUrl"), "https://app.example.com"), rule.allowedOrigins());
        assertEquals(List.of("Content-Type", "x-amz-checksum-sha256"), rule.allowedHeaders());
        assertEquals(List.of("ETag"), rule.exposeHeaders());
    }

    @Test
    void largeUploadsAreResumedAndAbortedOnlyUnderTheUploadsPrefix() {
        String bucketArn = value(only(BucketV2.class).arn());
        for (String action : List.of("s3:ListMultipartUploadParts", "s3:AbortMultipartUpload")) {
            assertEquals(Set.of(bucketArn + "/uploads/*"), resourcesAllowing("filepipe-test-upload-api", action), action);
        }
        assertEquals(Set.of(bucketArn + "/uploads/*"),
                resourcesAllowing("filepipe-test-reconciler", "s3:AbortMultipartUpload"));
        assertEquals(Set.of(), resourcesAllowing("filepipe-test-stream-processor", "s3:AbortMultipartUpload"));
        for (JsonNode update : statementsAllowing("filepipe-test-upload-api", "dynamodb:UpdateItem")) {
            assertEquals(Set.of(KeyScheme.PK, KeyScheme.SK, FileTable.SHARE_REVOKED_AT), texts(update.path("Condition")
                    .path("ForAllValues:StringEquals").path("dynamodb:Attributes")), "the API changes no file's status");
        }
    }

    @Test
    void tableHasCoresSchemaIndexesStreamRecoveryAndEncryption() {
        Table table = only(Table.class);
        var schema = FileTable.createRequest("any");
        assertEquals(schema.attributeDefinitions().stream()
                        .collect(Collectors.toMap(a -> a.attributeName(), a -> a.attributeTypeAsString())),
                value(table.attributes()).stream().collect(Collectors.toMap(a -> a.name(), a -> a.type())));
        assertEquals(KeyScheme.PK, value(table.hashKey()));
        assertEquals(KeyScheme.SK, value(table.rangeKey()).orElseThrow());
        assertEquals(schema.globalSecondaryIndexes().stream()
                        .map(i -> i.indexName() + " " + i.keySchema().stream().map(k -> k.attributeName()).toList()
                                + " " + i.projection().projectionTypeAsString())
                        .collect(Collectors.toSet()),
                value(table.globalSecondaryIndexes()).orElseThrow().stream()
                        .map(i -> i.name() + " " + List.of(i.hashKey(), i.rangeKey().orElseThrow()) + " " + i.projectionType())
                        .collect(Collectors.toSet()));
        assertEquals("PAY_PER_REQUEST", value(table.billingMode()).orElseThrow());
        assertTrue(value(table.streamEnabled()).orElseThrow());
        assertEquals(FileTable.STREAM_VIEW_TYPE.toString(), value(table.streamViewType()));
        assertTrue(value(table.pointInTimeRecovery()).enabled());
        assertTrue(value(table.serverSideEncryption()).enabled());
        assertEquals(FileTable.TTL_ATTRIBUTE, value(table.ttl()).attributeName().orElseThrow());
        assertTrue(value(table.deletionProtectionEnabled()).orElseThrow(), "protectData defaults to true");
    }

    @Test
    void onlyAdministratorsCreateUsersPasswordsAreStrongAndUsersSignInWithSrp() {
        UserPool pool = only(UserPool.class);
        assertTrue(value(pool.adminCreateUserConfig()).allowAdminCreateUserOnly().orElseThrow());
        var passwords = value(pool.passwordPolicy());
        assertEquals(Auth.MIN_PASSWORD_LENGTH, passwords.minimumLength().orElseThrow());
        assertTrue(passwords.requireLowercase().orElseThrow() && passwords.requireUppercase().orElseThrow()
                && passwords.requireNumbers().orElseThrow() && passwords.requireSymbols().orElseThrow());

        UserPoolClient client = only(UserPoolClient.class);
        assertEquals(AwsMocks.POOL_ID, value(client.userPoolId()));
        assertEquals(Set.copyOf(Auth.AUTH_FLOWS), Set.copyOf(value(client.explicitAuthFlows())));
        assertEquals(Set.of("ALLOW_USER_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
                Set.copyOf(value(client.explicitAuthFlows())), "users sign in with SRP; only admin tooling sends a password");
        assertFalse(value(client.generateSecret()).orElseThrow(), "a public client has no secret");
    }

    @Test
    void repositoriesScanEveryPushAndExpireOldImages() {
        List<Repository> repositories = all(Repository.class);
        assertEquals(2, repositories.size());
        for (Repository repository : repositories) {
            assertTrue(value(repository.imageScanningConfiguration()).orElseThrow().scanOnPush());
        }
        List<LifecyclePolicy> lifecycles = all(LifecyclePolicy.class);
        assertEquals(names(repositories), lifecycles.stream().map(p -> value(p.repository())).collect(Collectors.toSet()));
        for (LifecyclePolicy lifecycle : lifecycles) {
            JsonNode rule = json(value(lifecycle.policy())).path("rules").get(0);
            assertEquals("expire", rule.path("action").path("type").asText());
            assertEquals(ContainerImage.KEPT_UNTAGGED_IMAGES, rule.path("selection").path("countNumber").asInt());
        }
    }

    @Test
    void eachFunctionRunsTheDigestOfTheImageBuiltFromItsDockerfile() {
        Map<String, String> dockerfileByImage = Map.of(
                "filepipe-test-upload-api", "../Dockerfile.api",
                "filepipe-test-stream-processor", "../Dockerfile.processor");
        for (var expected : dockerfileByImage.entrySet()) {
            Map<String, Object> build = buildOf(named(Image.class, expected.getKey()));
            assertEquals("..", build.get("context"));
            assertEquals(expected.getValue(), build.get("dockerfile"));
            assertEquals("linux/arm64", build.get("platform"));
        }
        Map<String, String> imageByFunction = Map.of(
                "filepipe-test-upload-api", "filepipe-test-upload-api",
                "filepipe-test-stream-processor", "filepipe-test-stream-processor",
                "filepipe-test-reconciler", "filepipe-test-stream-processor");
        assertEquals(imageByFunction.keySet(), names(all(Function.class)));
        for (var expected : imageByFunction.entrySet()) {
            Function function = named(Function.class, expected.getKey());
            assertEquals("Image", value(function.packageType()).orElseThrow());
            assertEquals(value(named(Image.class, expected.getValue()).repoDigest()), value(function.imageUri()).orElseThrow());
            assertEquals(List.of("arm64"), value(function.architectures()));
            assertEquals("PassThrough", value(function.tracingConfig()).mode(), "no traces unless filepipe:tracing");
        }
    }

    @Test
    void onlyTheFunctionsRunningAnImageMayPullIt() {
        Map<String, Set<String>> functionsByRepository = Map.of(
                "filepipe-test-upload-api", Set.of("filepipe-test-upload-api"),
                "filepipe-test-stream-processor", Set.of("filepipe-test-stream-processor", "filepipe-test-reconciler"));
        assertEquals(functionsByRepository.keySet(), names(all(RepositoryPolicy.class)));
        for (RepositoryPolicy policy : all(RepositoryPolicy.class)) {
            JsonNode statement = json(value(policy.policy())).path("Statement").get(0);
            assertEquals("lambda.amazonaws.com", statement.path("Principal").path("Service").asText());
            assertEquals(Set.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"), texts(statement.path("Action")));
            assertEquals(functionsByRepository.get(policy.pulumiResourceName()).stream()
                            .map(f -> value(named(Function.class, f).arn())).collect(Collectors.toSet()),
                    texts(statement.path("Condition").path("StringEquals").path("aws:sourceArn")));
        }
    }

    @Test
    void everyRouteButHealthShareLinksAndTheWebAppNeedsAPoolToken() {
        Authorizer authorizer = only(Authorizer.class);
        var jwt = value(authorizer.jwtConfiguration()).orElseThrow();
        assertEquals("JWT", value(authorizer.authorizerType()));
        assertEquals(List.of("$request.header.Authorization"), value(authorizer.identitySources()).orElseThrow());
        assertEquals("https://cognito-idp." + AwsMocks.REGION + ".amazonaws.com/" + AwsMocks.POOL_ID,
                jwt.issuer().orElseThrow());
        assertEquals(List.of(value(only(UserPoolClient.class).id())), jwt.audiences());

        Map<String, Route> routes = all(Route.class).stream()
                .collect(Collectors.toMap(r -> value(r.routeKey()), r -> r));
        assertEquals(Set.of("POST /upload", "GET /files", "GET /files/{id}", "GET /files/{id}/content",
                "DELETE /files/{id}", "GET /user", "GET /health", "POST /uploads", "GET /uploads/{id}",
                "POST /uploads/{id}/complete", "DELETE /uploads/{id}", "POST /files/{id}/shares", "GET /files/{id}/shares",
                "DELETE /files/{id}/shares/{share}", "GET /s/{share_id}", "GET /", "GET /assets/{file}",
                "GET /app-config.json"), routes.keySet());
        Set<String> withoutToken = Set.of("GET /health", "GET /s/{share_id}", "GET /", "GET /assets/{file}", "GET /app-config.json");
        String target = "integrations/" + value(only(Integration.class).id());
        for (var route : routes.entrySet()) {
            boolean open = withoutToken.contains(route.getKey());
            assertEquals(open ? "NONE" : "JWT", value(route.getValue().authorizationType()).orElseThrow(), route.getKey());
            assertEquals(open ? null : value(authorizer.id()), value(route.getValue().authorizerId()).orElse(null),
                    route.getKey());
            assertEquals(target, value(route.getValue().target()).orElseThrow(), route.getKey());
        }
    }

    @Test
    void gatewayCallsTheApiFunctionThrottlesAndLogsEveryRequest() {
        Function api = named(Function.class, "filepipe-test-upload-api");
        Integration integration = only(Integration.class);
        assertEquals("AWS_PROXY", value(integration.integrationType()));
        assertEquals(value(api.arn()), value(integration.integrationUri()).orElseThrow());
        assertEquals("2.0", value(integration.payloadFormatVersion()).orElseThrow());

        Permission invoke = named(Permission.class, "filepipe-test-api");
        assertEquals("apigateway.amazonaws.com", value(invoke.principal()));
        assertEquals(value(api.name()), value(invoke.function()));
        assertTrue(value(invoke.sourceArn()).orElseThrow().startsWith(AwsMocks.arn("execute-api", "mockapi/")));

        Stage stage = only(Stage.class);
        var throttling = value(stage.defaultRouteSettings()).orElseThrow();
        assertEquals(50.0, throttling.throttlingRateLimit().orElseThrow());
        assertEquals(100, throttling.throttlingBurstLimit().orElseThrow());
        var accessLogs = value(stage.accessLogSettings()).orElseThrow();
        assertEquals(value(named(LogGroup.class, "filepipe-test-api-access").arn()),
                accessLogs.destinationArn());
        assertEquals("$context.requestId", json(accessLogs.format()).path("requestId").asText());
    }

    @Test
    void theWebAppSignsInThroughThePoolsDomainWithACodeAndPkceAndComesBackOnlyToItsOwnUrls() {
        UserPoolClient client = only(UserPoolClient.class);
        UserPoolDomain domain = only(UserPoolDomain.class);
        List<String> appUrls = List.of(output("apiUrl") + "/", "https://app.example.com/");

        assertEquals(List.of("code"), value(client.allowedOauthFlows()));
        assertEquals(true, value(client.allowedOauthFlowsUserPoolClient()));
        assertEquals(Set.of("openid", "email", "profile"), Set.copyOf(value(client.allowedOauthScopes())));
        assertEquals(List.of("COGNITO"), value(client.supportedIdentityProviders()));
        assertEquals(appUrls, value(client.callbackUrls()));
        assertEquals(appUrls, value(client.logoutUrls()));
        assertEquals(AwsMocks.POOL_ID, value(domain.userPoolId()));
        assertEquals("filepipe-test-login-" + AwsMocks.ACCOUNT, value(domain.domain()));
        String signIn = "https://filepipe-test-login-" + AwsMocks.ACCOUNT + ".auth." + AwsMocks.REGION + ".amazoncognito.com";
        assertEquals(signIn, output("signInUrl"));
        assertEquals(signIn, environment("filepipe-test-upload-api").get("FILEPIPE_SIGN_IN_URL"));
        assertEquals(output("apiUrl") + "/", output("webUrl"));
    }

    @Test
    void apiFunctionTrustsTheUserPoolAndFindsItsData() {
        Map<String, String> env = environment("filepipe-test-upload-api");
        assertEquals(value(only(Table.class).name()), env.get("FILEPIPE_TABLE"));
        assertEquals(value(only(BucketV2.class).bucket()), env.get("FILEPIPE_BUCKET"));
        assertEquals(value(only(Authorizer.class).jwtConfiguration()).orElseThrow().issuer().orElseThrow(),
                env.get("FILEPIPE_ISSUER"));
        assertEquals(value(only(UserPoolClient.class).id()), env.get("FILEPIPE_AUDIENCE"));
    }

    @Test
    void processorClaimsOutliveItsTimeoutAndItsConcurrencyIsReserved() {
        Function processor = named(Function.class, "filepipe-test-stream-processor");
        Map<String, String> env = environment("filepipe-test-stream-processor");
        assertEquals(value(only(Table.class).name()), env.get("FILEPIPE_TABLE"));
        assertEquals(value(only(BucketV2.class).bucket()), env.get("FILEPIPE_BUCKET"));
        assertTrue(Duration.parse(env.get("FILEPIPE_LEASE")).toSeconds() > value(processor.timeout()).orElseThrow());
        assertEquals(5, value(processor.reservedConcurrentExecutions()).orElseThrow());
        assertEquals(FunctionSettings.UNRESERVED,
                value(named(Function.class, "filepipe-test-upload-api").reservedConcurrentExecutions()).orElseThrow());
    }

    @Test
    void theProcessorsTimeLimitsAllFollowItsFunctionTimeoutSoACrashCostsAboutAMinute() {
        Duration timeout = Duration.ofSeconds(value(named(Function.class, "filepipe-test-stream-processor").timeout())
                .orElseThrow());
        ProcessorConfig processor = Env.parse(runtimeEnvironment("filepipe-test-stream-processor"), ProcessorConfig::from);
        Duration processingAge = Env.parse(runtimeEnvironment("filepipe-test-reconciler"), ReconcilerConfig::from)
                .settings().processingAge();

        assertEquals(Duration.ofSeconds(90), timeout, "the configured processorTimeoutSeconds");
        assertTrue(processor.imageBudget().compareTo(timeout) < 0, "a costly image ends before the function times out");
        assertTrue(processor.lease().compareTo(timeout) > 0, "a claim outlives the attempt holding it");
        assertTrue(processingAge.compareTo(processor.lease().plus(ReconcileSettings.PROCESSING_AGE_MARGIN)) >= 0,
                "a re-drive finds the lost attempt's claim expired");
        assertTrue(processingAge.compareTo(timeout.plus(Duration.ofMinutes(1))) <= 0,
                "a file lost in a crash waits about a minute beyond the timeout, not " + processingAge);
    }

    @Test
    void eachFunctionsEnvironmentParsesIntoItsOwnConfigurationOfTheDeployedResources() {
        String table = value(only(Table.class).name());
        String bucket = value(only(BucketV2.class).bucket());

        ApiConfig api = Env.parse(runtimeEnvironment("filepipe-test-upload-api"), ApiConfig::from);
        assertEquals(List.of(table, bucket, AwsMocks.REGION), List.of(api.table(), api.bucket(), api.aws().region()));
        assertEquals(value(only(Authorizer.class).jwtConfiguration()).orElseThrow().issuer().orElseThrow(), api.issuer());
        assertEquals(value(only(UserPoolClient.class).id()), api.audience());
        assertEquals("127.0.0.1", api.host(), "only Lambda Web Adapter, in the same sandbox, calls the server");

        Function processorFunction = named(Function.class, "filepipe-test-stream-processor");
        ProcessorConfig processor = Env.parse(runtimeEnvironment("filepipe-test-stream-processor"), ProcessorConfig::from);
        assertEquals(List.of(table, bucket, AwsMocks.REGION),
                List.of(processor.table(), processor.bucket(), processor.aws().region()));
        assertEquals(ProcessorTimeouts.ofSeconds(value(processorFunction.timeout()).orElseThrow()).lease(),
                processor.lease());

        ReconcilerConfig reconciler = Env.parse(runtimeEnvironment("filepipe-test-reconciler"), ReconcilerConfig::from);
        assertEquals(List.of(table, bucket, value(only(StateMachine.class).arn()), AwsMocks.REGION),
                List.of(reconciler.table(), reconciler.bucket(), reconciler.stateMachineArn(), reconciler.aws().region()));
        assertTrue(reconciler.settings().processingAge().compareTo(processor.lease()) >= 0,
                "a re-drive would find the file still held by a lost attempt");
    }

    @Test
    void theApiTheProcessorAndTheReconcilerShareTheConfiguredSweepShards() {
        // a writer and the reconciler with different counts would hide files from the reconciler
        List<SweepShards> shards = List.of(
                Env.parse(runtimeEnvironment("filepipe-test-upload-api"), ApiConfig::from).sweepShards(),
                Env.parse(runtimeEnvironment("filepipe-test-stream-processor"), ProcessorConfig::from).sweepShards(),
                Env.parse(runtimeEnvironment("filepipe-test-reconciler"), ReconcilerConfig::from).sweepShards());

        assertEquals(List.of(new SweepShards(48), new SweepShards(48), new SweepShards(48)), shards);
    }

    @Test
    void pipeFeedsNewFilesFromTheStreamToTheWorkflowAsCoreDefinesIt() throws IOException {
        Pipe pipe = named(Pipe.class, "filepipe-test-pipe");
        PipeSettings settings = PipelineDefinition.settings();
        assertEquals(value(only(Table.class).streamArn()), value(pipe.source()));
        assertEquals(value(only(StateMachine.class).arn()), value(pipe.target()));

        var source = value(pipe.sourceParameters());
        var filters = source.filterCriteria().orElseThrow().filters();
        assertEquals(1, filters.size());
        assertEquals(JSON.readTree(PipelineDefinition.filterPattern()), JSON.readTree(filters.getFirst().pattern()));
        var stream = source.dynamodbStreamParameters().orElseThrow();
        assertEquals(settings.startingPosition(), stream.startingPosition());
        assertEquals(settings.batchSize(), stream.batchSize().orElseThrow());
        assertEquals(settings.maximumBatchingWindowInSeconds(), stream.maximumBatchingWindowInSeconds().orElseThrow());
        assertEquals(settings.maximumRetryAttempts(), stream.maximumRetryAttempts().orElseThrow());
        assertEquals(settings.parallelizationFactor(), stream.parallelizationFactor().orElseThrow());
        assertEquals(settings.maximumRecordAgeInSeconds(), stream.maximumRecordAgeInSeconds().orElseThrow());
        assertEquals(value(named(Queue.class, "filepipe-test-dead-letters").arn()), stream.deadLetterConfig().orElseThrow().arn().orElseThrow());

        assertEquals("REQUEST_RESPONSE", settings.invocationType());
        assertEquals(settings.invocationType(), value(pipe.targetParameters()).orElseThrow()
                .stepFunctionStateMachineParameters().orElseThrow().invocationType());
        var logging = value(pipe.logConfiguration()).orElseThrow();
        assertEquals("ERROR", logging.level());
        assertEquals(value(named(LogGroup.class, "filepipe-test-pipe").arn()),
                logging.cloudwatchLogsLogDestination().orElseThrow().logGroupArn());
    }

    @Test
    void eventsPipeTurnsFilesThatEndedIntoEventsOnTheStacksBusAsCoreDefinesIt() throws IOException {
        Pipe pipe = named(Pipe.class, "filepipe-test-events-pipe");
        EventBus bus = only(EventBus.class);
        assertEquals(value(only(Table.class).streamArn()), value(pipe.source()));
        assertEquals(value(bus.arn()), value(pipe.target()));

        var source = value(pipe.sourceParameters());
        var filters = source.filterCriteria().orElseThrow().filters();
        assertEquals(1, filters.size());
        assertEquals(JSON.readTree(PipelineDefinition.eventsFilterPattern()), JSON.readTree(filters.getFirst().pattern()));
        var stream = source.dynamodbStreamParameters().orElseThrow();
        assertEquals(PipelineDefinition.settings().startingPosition(), stream.startingPosition());
        assertEquals(value(named(Queue.class, "filepipe-test-event-dead-letters").arn()),
                stream.deadLetterConfig().orElseThrow().arn().orElseThrow());

        var target = value(pipe.targetParameters()).orElseThrow();
        assertEquals(PipelineDefinition.eventsInputTemplate(), target.inputTemplate().orElseThrow());
        var busParameters = target.eventbridgeEventBusParameters().orElseThrow();
        assertEquals("filepipe", busParameters.source().orElseThrow());
        assertEquals(PipelineDefinition.EVENT_DETAIL_TYPE_PATH, busParameters.detailType().orElseThrow());
        assertEquals(value(named(LogGroup.class, "filepipe-test-events-pipe").arn()),
                value(pipe.logConfiguration()).orElseThrow().cloudwatchLogsLogDestination().orElseThrow().logGroupArn());
    }

    @Test
    void eventsPipeMayReadTheStreamAndPutEventsOnTheStacksBusOnly() {
        String role = "filepipe-test-events-pipe";
        assertEquals(Set.of(value(only(EventBus.class).arn())), resourcesAllowing(role, "events:PutEvents"));
        assertEquals(Set.of(value(only(Table.class).streamArn())), resourcesAllowing(role, "dynamodb:GetRecords"));
        assertEquals(Set.of(value(named(Queue.class, "filepipe-test-event-dead-letters").arn())),
                resourcesAllowing(role, "sqs:SendMessage"));
        assertEquals(Set.of(), resourcesAllowing(role, "states:StartSyncExecution"));
        assertEquals(Set.of(), resourcesAllowing("filepipe-test-pipe", "events:PutEvents"));
    }

    @Test
    void theEventSchemaIsRegisteredAsDraftFourJsonSchema() throws IOException {
        Schema schema = only(Schema.class);
        assertEquals("JSONSchemaDraft4", value(schema.type()));
        assertEquals(value(only(Registry.class).name()), value(schema.registryName()));
        assertEquals(JSON.readTree(PipelineDefinition.eventSchema()), JSON.readTree(value(schema.content())));
    }

    @Test
    void everyResultEventOnTheBusIsMailedToTheEventEmailAddressesThroughItsOwnTopic() throws IOException {
        EventRule rule = named(EventRule.class, "filepipe-test-event-mail");
        Topic topic = named(Topic.class, "filepipe-test-event-mail");
        assertEquals(value(only(EventBus.class).name()), value(rule.eventBusName()).orElseThrow());
        assertEquals(JSON.readTree("{\"source\":[\"filepipe\"]}"), JSON.readTree(value(rule.eventPattern()).orElseThrow()));
        EventTarget target = named(EventTarget.class, "filepipe-test-event-mail");
        assertEquals(value(rule.name()), value(target.rule()));
        assertEquals(value(topic.arn()), value(target.arn()));

        JsonNode publish = json(value(only(TopicPolicy.class).policy())).path("Statement").get(0);
        assertEquals("events.amazonaws.com", publish.path("Principal").path("Service").asText());
        assertEquals("sns:Publish", publish.path("Action").asText());
        assertEquals(value(topic.arn()), publish.path("Resource").asText());
        assertEquals(value(rule.arn()), publish.path("Condition").path("ArnEquals").path("aws:SourceArn").asText());

        TopicSubscription mail = named(TopicSubscription.class, "filepipe-test-event-email-1");
        assertEquals("owner@example.com", value(mail.endpoint()));
        assertEquals(value(topic.arn()), value(mail.topic()));
    }

    @Test
    void workflowIsCoresDefinitionCallingTheProcessorAndTheTable() {
        StateMachine workflow = only(StateMachine.class);
        assertEquals(PipelineDefinition.settings().workflowType(), value(workflow.type()).orElseThrow());
        JsonNode definition = json(value(workflow.definition()));
        assertFalse(definition.toString().contains("${"), "every placeholder is replaced");

        List<JsonNode> tasks = tasks(definition);
        assertEquals(Set.of("arn:aws:states:::lambda:invoke", "arn:aws:states:::dynamodb:updateItem"),
                tasks.stream().map(t -> t.path("Resource").asText()).collect(Collectors.toSet()));
        String processorArn = value(named(Function.class, "filepipe-test-stream-processor").arn());
        String tableName = value(only(Table.class).name());
        for (JsonNode task : tasks) {
            JsonNode parameters = task.path("Parameters");
            if (task.path("Resource").asText().endsWith(":lambda:invoke")) {
                assertEquals(processorArn, parameters.path("FunctionName").asText());
            } else {
                assertEquals(tableName, parameters.path("TableName").asText());
            }
        }

        var logging = value(workflow.loggingConfiguration());
        assertEquals("ERROR", logging.level().orElseThrow());
        assertFalse(logging.includeExecutionData().orElseThrow(), "no user data (file names, comments) in the workflow's logs");
        assertEquals(value(named(LogGroup.class, "filepipe-test-workflow").arn()) + ":*",
                logging.logDestination().orElseThrow());
        assertFalse(value(workflow.tracingConfiguration()).enabled().orElseThrow(), "no traces unless filepipe:tracing");
    }

    @Test
    void everyLogGroupKeepsLogsForTheConfiguredDays() {
        List<LogGroup> groups = all(LogGroup.class);
        assertEquals(Set.of("/aws/lambda/filepipe-test-upload-api", "/aws/lambda/filepipe-test-stream-processor",
                        "/aws/lambda/filepipe-test-reconciler", "/aws/apigateway/filepipe-test-api-access", "/aws/vendedlogs/states/filepipe-test-workflow",
                        "/aws/vendedlogs/pipes/filepipe-test-pipe", "/aws/vendedlogs/pipes/filepipe-test-events-pipe"),
                groups.stream().map(g -> value(g.name())).collect(Collectors.toSet()));
        for (LogGroup group : groups) {
            assertEquals(30, value(group.retentionInDays()).orElseThrow(), value(group.name()));
        }
        for (Function function : all(Function.class)) {
            var logging = value(function.loggingConfig());
            assertEquals("/aws/lambda/" + value(function.name()), logging.logGroup().orElseThrow());
            assertEquals("JSON", logging.logFormat());
        }
    }

    @Test
    void dashboardDrawsTheProcessorsMetricsByTheNamesAndDimensionsTheyArePublishedWith() {
        String processor = value(named(Function.class, "filepipe-test-stream-processor").name());
        List<String> dimensions = MetricNames.dimensions(processor);

        Map<String, List<String>> lines = metricLines(widget("Files per minute by outcome"));
        assertEquals(Set.of("processed", "rejected", "failed"), lines.keySet());
        assertEquals(metricLine(MetricNames.FILES_PROCESSED, dimensions), lines.get("processed"));
        assertEquals(metricLine(MetricNames.FILES_REJECTED, dimensions), lines.get("rejected"));
        assertEquals(metricLine(MetricNames.FILES_FAILED, dimensions), lines.get("failed"));
        Map<String, List<String>> latency = metricLines(widget("Processing latency (ms)"));
        assertEquals(Set.of("p50", "p99"), latency.keySet());
        assertEquals(metricLine(MetricNames.PROCESSING_LATENCY, dimensions), latency.get("p99"));
        assertEquals(Set.of("p50", "p99"), stats(widget("Processing latency (ms)")));
    }

    @Test
    void dashboardNamesTheStacksQueueApiFunctionsAndLogGroupsInItsRegion() {
        String queue = value(named(Queue.class, "filepipe-test-dead-letters").name());
        String apiId = value(only(com.pulumi.aws.apigatewayv2.Api.class).id());
        List<String> functions = List.of("filepipe-test-upload-api", "filepipe-test-stream-processor",
                "filepipe-test-reconciler");

        assertEquals(Set.of(List.of("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue)),
                Set.copyOf(metricLines(widget("Dead-letter queue depth")).values()));
        assertEquals(Set.of(List.of("AWS/ApiGateway", "4xx", "ApiId", apiId), List.of("AWS/ApiGateway", "5xx", "ApiId", apiId)),
                Set.copyOf(metricLines(widget("API errors per minute")).values()));
        assertEquals(Set.of(apiId), metricLines(widget("API latency (ms)")).values().stream()
                .map(line -> line.get(3)).collect(Collectors.toSet()));
        Set<List<String>> lambda = new HashSet<>();
        for (String function : functions) {
            lambda.add(List.of("AWS/Lambda", "Errors", "FunctionName", function));
            lambda.add(List.of("AWS/Lambda", "Throttles", "FunctionName", function));
        }
        assertEquals(lambda, Set.copyOf(metricLines(widget("Lambda errors and throttles")).values()));
        assertEquals(List.of("/aws/lambda/filepipe-test-upload-api"), sources(widget("Uploads per minute (API access lines)")));
        assertEquals(functions.stream().map(f -> "/aws/lambda/" + f).toList(),
                sources(widget("Lambda init durations (REPORT lines)")));
        for (JsonNode widget : json(value(only(Dashboard.class).dashboardBody())).path("widgets")) {
            assertEquals(AwsMocks.REGION, widget.path("properties").path("region").asText(), widget.toString());
        }
        assertEquals("https://" + AwsMocks.REGION + ".console.aws.amazon.com/cloudwatch/home?region=" + AwsMocks.REGION
                + "#dashboards/dashboard/filepipe-test-results", output("dashboardUrl"));
    }

    @Test
    void savedQueriesReadTheLogGroupsOfWhatTheyTell() {
        Map<String, List<String>> groups = all(QueryDefinition.class).stream().collect(Collectors.toMap(
                query -> value(query.name()), query -> value(query.logGroupNames()).orElseThrow()));
        String api = "/aws/lambda/filepipe-test-upload-api";
        String processor = "/aws/lambda/filepipe-test-stream-processor";
        assertEquals(Map.of(
                "filepipe-test/one file's story", List.of(api, (String) output("workflowLogGroup"), processor),
                "filepipe-test/failures", List.of(processor),
                "filepipe-test/one user's uploads", List.of(api, processor)), groups);
        Map<String, String> queries = all(QueryDefinition.class).stream().collect(Collectors.toMap(
                query -> value(query.name()), query -> value(query.queryString())));
        assertEquals(LogQueries.FILE_STORY, queries.get("filepipe-test/one file's story"));
        assertEquals(LogQueries.FAILURES, queries.get("filepipe-test/failures"));
        assertEquals(LogQueries.USER_UPLOADS, queries.get("filepipe-test/one user's uploads"));
    }

    private static JsonNode widget(String title) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode widget : json(value(only(Dashboard.class).dashboardBody())).path("widgets")) {
            if (widget.path("properties").path("title").asText().equals(title)) {
                found.add(widget);
            }
        }
        assertEquals(1, found.size(), title);
        return found.getFirst().path("properties");
    }

    /** A metric widget's lines by label: namespace, metric and dimension pairs, without how they are drawn. */
    private static Map<String, List<String>> metricLines(JsonNode widget) {
        Map<String, List<String>> lines = new HashMap<>();
        for (JsonNode line : widget.path("metrics")) {
            List<String> names = new ArrayList<>();
            line.forEach(part -> {
                if (part.isTextual()) {
                    names.add(part.asText());
                }
            });
            lines.put(line.get(line.size() - 1).path("label").asText(), names);
        }
        return lines;
    }

    private static Set<String> stats(JsonNode widget) {
        Set<String> stats = new HashSet<>();
        widget.path("metrics").forEach(line -> stats.add(line.get(line.size() - 1).path("stat").asText()));
        return stats;
    }

    private static List<String> metricLine(String metric, List<String> dimensions) {
        List<String> line = new ArrayList<>(List.of(MetricNames.NAMESPACE, metric));
        line.addAll(dimensions);
        return line;
    }

    /** The log groups a Logs Insights widget reads. */
    private static List<String> sources(JsonNode widget) {
        return Pattern.compile("SOURCE '([^']+)'").matcher(widget.path("query").asText()).results()
                .map(match -> match.group(1)).toList();
    }

    @Test
    void failuresAndThrottlesRaiseAlarmsOnOneTopicThatMailsBothAddresses() {
        String topic = value(named(Topic.class, "filepipe-test-alarms").arn());
        Map<String, Set<String>> metrics = new HashMap<>();
        for (MetricAlarm alarm : all(MetricAlarm.class)) {
            metrics.computeIfAbsent(value(alarm.namespace()).orElseThrow() + " " + value(alarm.metricName()).orElseThrow(),
                    k -> new HashSet<>()).addAll(value(alarm.dimensions()).orElseThrow().values());
            assertEquals(List.of(topic), value(alarm.alarmActions()).orElseThrow());
            assertEquals(0.0, value(alarm.threshold()).orElseThrow());
            assertEquals("GreaterThanThreshold", value(alarm.comparisonOperator()));
        }
        String stateMachine = value(only(StateMachine.class).arn());
        Set<String> functions = Set.of("filepipe-test-upload-api", "filepipe-test-stream-processor",
                "filepipe-test-reconciler");
        assertEquals(Map.of(
                "AWS/SQS ApproximateNumberOfMessagesVisible", Set.of(value(named(Queue.class, "filepipe-test-dead-letters").name())),
                "AWS/States ExecutionsFailed", Set.of(stateMachine),
                "AWS/States ExecutionsTimedOut", Set.of(stateMachine),
                "AWS/Lambda Errors", functions,
                "AWS/Lambda Throttles", functions), metrics);

        List<TopicSubscription> mails = all(TopicSubscription.class).stream()
                .filter(s -> s.pulumiResourceName().startsWith("filepipe-test-alarm-email-")).toList();
        assertEquals(Set.of("ops@example.com", "oncall@example.com"),
                mails.stream().map(s -> value(s.endpoint())).collect(Collectors.toSet()));
        for (TopicSubscription mail : mails) {
            assertEquals("email", value(mail.protocol()));
            assertEquals(topic, value(mail.topic()));
        }
    }

    @Test
    void reconcilerRunsOnAScheduleAndRedrivesThroughTheWorkflow() {
        Function reconciler = named(Function.class, "filepipe-test-reconciler");
        assertEquals(List.of(Reconciliation.HANDLER),
                value(reconciler.imageConfig()).orElseThrow().commands());
        Map<String, String> env = environment("filepipe-test-reconciler");
        String stateMachine = value(only(StateMachine.class).arn());
        assertEquals(stateMachine, env.get("FILEPIPE_STATE_MACHINE_ARN"));
        assertEquals(value(only(Table.class).name()), env.get("FILEPIPE_TABLE"));

        EventRule schedule = named(EventRule.class, "filepipe-test-reconciler");
        assertEquals("rate(5 minutes)", value(schedule.scheduleExpression()).orElseThrow());
        EventTarget target = named(EventTarget.class, "filepipe-test-reconciler");
        assertEquals(value(schedule.name()), value(target.rule()));
        assertEquals(value(reconciler.arn()), value(target.arn()));
        Permission invoke = named(Permission.class, "filepipe-test-reconciler");
        assertEquals("events.amazonaws.com", value(invoke.principal()));
        assertEquals(value(schedule.arn()), value(invoke.sourceArn()).orElseThrow());

        assertEquals(Set.of(stateMachine), resourcesAllowing("filepipe-test-reconciler", "states:StartExecution"));
        assertEquals(Set.of(value(only(Table.class).arn()) + "/index/" + FileTable.SWEEP_INDEX),
                resourcesAllowing("filepipe-test-reconciler", "dynamodb:Query"));
    }

    @Test
    void apiMayUpdateAndConditionCheckOnlyShareItemsAndUsersPartitions() {
        String table = value(only(Table.class).arn());
        for (String action : List.of("dynamodb:UpdateItem", "dynamodb:ConditionCheckItem")) {
            List<JsonNode> statements = statementsAllowing("filepipe-test-upload-api", action);
            assertEquals(1, statements.size(), action);
            assertEquals(Set.of(table), texts(statements.getFirst().path("Resource")), action);
            assertEquals(Set.of(KeyScheme.SHARE_PREFIX + "*", KeyScheme.USER_PREFIX + "*"), texts(statements.getFirst()
                    .path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys")), action);
        }
    }

    @Test
    void reconcilerMayUpdateOnlyItsOwnScanPositionItem() {
        String table = value(only(Table.class).arn());
        assertEquals(Set.of(table), resourcesAllowing("filepipe-test-reconciler", "dynamodb:GetItem"));
        List<JsonNode> updates = statementsAllowing("filepipe-test-reconciler", "dynamodb:UpdateItem");
        assertEquals(1, updates.size());
        assertEquals(Set.of(table), texts(updates.getFirst().path("Resource")));
        assertEquals(Set.of(KeyScheme.RECONCILER_PARTITION), texts(updates.getFirst().path("Condition")
                .path("ForAllValues:StringEquals").path("dynamodb:LeadingKeys")), "no file item can be touched");
    }

    @Test
    void noPolicyNamesAWildcardActionOrAWildcardResourceOutsideTheDocumentedList() {
        List<JsonNode> statements = new ArrayList<>();
        for (RolePolicy policy : all(RolePolicy.class)) {
            json(value(policy.policy())).path("Statement").forEach(statements::add);
        }
        for (Role role : all(Role.class)) {
            json(value(role.assumeRolePolicy())).path("Statement").forEach(statements::add);
        }
        assertEquals(6, all(RolePolicy.class).size(), "one policy per principal");
        for (JsonNode statement : statements) {
            Set<String> actions = texts(statement.path("Action"));
            actions.forEach(action -> assertFalse(action.contains("*"), statement.toString()));
            if (texts(statement.path("Resource")).contains("*")) {
                assertTrue(actions.stream().allMatch(UnscopedActions::allowed), statement.toString());
            }
        }
    }

    @Test
    void eachRoleCanBeAssumedOnlyByItsOwnService() {
        Map<String, String> expected = Map.of(
                "filepipe-test-upload-api", "lambda.amazonaws.com",
                "filepipe-test-stream-processor", "lambda.amazonaws.com",
                "filepipe-test-reconciler", "lambda.amazonaws.com",
                "filepipe-test-workflow", "states.amazonaws.com",
                "filepipe-test-pipe", "pipes.amazonaws.com",
                "filepipe-test-events-pipe", "pipes.amazonaws.com");
        assertEquals(expected.keySet(), names(all(Role.class)));
        for (Role role : all(Role.class)) {
            JsonNode statements = json(value(role.assumeRolePolicy())).path("Statement");
            assertEquals(1, statements.size());
            JsonNode trust = statements.get(0);
            assertEquals("sts:AssumeRole", trust.path("Action").asText());
            assertEquals(expected.get(role.pulumiResourceName()), trust.path("Principal").path("Service").asText());
            if (!trust.path("Principal").path("Service").asText().equals("lambda.amazonaws.com")) {
                assertEquals(AwsMocks.ACCOUNT,
                        trust.path("Condition").path("StringEquals").path("aws:SourceAccount").asText());
            }
        }
    }

    @Test
    void eachPrincipalWritesObjectsOnlyUnderItsOwnPrefix() {
        String bucketArn = value(only(BucketV2.class).arn());
        assertEquals(Set.of(bucketArn + "/uploads/*"), resourcesAllowing("filepipe-test-upload-api", "s3:PutObject"));
        assertEquals(Set.of(bucketArn + "/derived/*"),
                resourcesAllowing("filepipe-test-stream-processor", "s3:PutObject"));
        assertEquals(Set.of(bucketArn + "/uploads/*"),
                resourcesAllowing("filepipe-test-stream-processor", "s3:GetObject"));
        assertEquals(Set.of(value(only(StateMachine.class).arn())),
                resourcesAllowing("filepipe-test-pipe", "states:StartSyncExecution"));
        assertEquals(Set.of(value(named(Queue.class, "filepipe-test-dead-letters").arn())), resourcesAllowing("filepipe-test-pipe", "sqs:SendMessage"));
        assertEquals(Set.of(value(only(Table.class).streamArn())),
                resourcesAllowing("filepipe-test-pipe", "dynamodb:GetRecords"));
    }

    @Test
    void stackTellsWhatAUserNeedsToCallTheApiAndWatchIt() {
        assertEquals("https://mockapi.execute-api." + AwsMocks.REGION + ".amazonaws.com", output("apiUrl"));
        assertEquals(AwsMocks.POOL_ID, output("userPoolId"));
        assertEquals(value(only(UserPoolClient.class).id()), output("userPoolClientId"));
        assertEquals("https://cognito-idp." + AwsMocks.REGION + ".amazonaws.com/" + AwsMocks.POOL_ID, output("issuer"));
        assertEquals(value(only(BucketV2.class).bucket()), output("bucketName"));
        assertEquals(value(only(Table.class).name()), output("tableName"));
        assertEquals(value(only(StateMachine.class).arn()), output("stateMachineArn"));
        assertEquals(value(named(Queue.class, "filepipe-test-dead-letters").url()), output("deadLetterQueueUrl"));
        assertTrue(((String) output("deadLetterQueueUrl")).startsWith("https://sqs."));
        assertEquals("/aws/lambda/filepipe-test-upload-api", output("apiLogGroup"));
        assertEquals("/aws/lambda/filepipe-test-stream-processor", output("processorLogGroup"));
        assertEquals("/aws/lambda/filepipe-test-reconciler", output("reconcilerLogGroup"));
        assertEquals(Set.of("accessLogGroup", "workflowLogGroup", "pipeLogGroup", "eventsPipeLogGroup"),
                result.outputs().keySet().stream().filter(k -> k.endsWith("LogGroup") && !k.startsWith("api")
                        && !k.startsWith("processor") && !k.startsWith("reconciler")).collect(Collectors.toSet()));
    }

    /** The resources a principal's policy allows {@code action} on. */
    private static Set<String> resourcesAllowing(String role, String action) {
        Set<String> resources = new HashSet<>();
        statementsAllowing(role, action).forEach(statement -> resources.addAll(texts(statement.path("Resource"))));
        return resources;
    }

    /** The statements of a principal's policy that allow {@code action}. */
    private static List<JsonNode> statementsAllowing(String role, String action) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode statement : json(value(named(RolePolicy.class, role).policy())).path("Statement")) {
            if (texts(statement.path("Action")).contains(action)) {
                statements.add(statement);
            }
        }
        return statements;
    }

    private static Map<String, String> environment(String function) {
        return value(named(Function.class, function).environment()).orElseThrow().variables();
    }

    /** What a function's process sees: the variables the program declared and the region Lambda adds. */
    private static Map<String, String> runtimeEnvironment(String function) {
        Map<String, String> declared = environment(function);
        assertFalse(declared.containsKey(AwsSettings.REGION), "Lambda refuses a function that sets " + AwsSettings.REGION);
        Map<String, String> runtime = new HashMap<>(declared);
        runtime.put(AwsSettings.REGION, AwsMocks.REGION);
        return runtime;
    }

    /** Every Task state, however deep in Map iterators. */
    private static List<JsonNode> tasks(JsonNode node) {
        List<JsonNode> tasks = new ArrayList<>();
        if ("Task".equals(node.path("Type").asText())) {
            tasks.add(node);
        }
        node.forEach(child -> tasks.addAll(tasks(child)));
        return tasks;
    }

    /** Docker's build settings are inputs only; no output gives them back. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> buildOf(Image image) {
        return (Map<String, Object>) MOCKS.inputs(image).get("build");
    }

    private static Object output(String name) {
        return value(result.outputs().get(name));
    }

    private static <T> T value(Output<T> output) {
        return PulumiTest.extractValue(output);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    /** An array's strings, or a single string. */
    private static Set<String> texts(JsonNode node) {
        return node.isArray()
                ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet())
                : Set.of(node.asText());
    }

    private static <R extends Resource> List<R> all(Class<R> type) {
        return result.resources().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <R extends Resource> R only(Class<R> type) {
        List<R> found = all(type);
        assertEquals(1, found.size(), type.getSimpleName());
        return found.getFirst();
    }

    private static <R extends Resource> R named(Class<R> type, String logicalName) {
        Predicate<R> named = r -> r.pulumiResourceName().equals(logicalName);
        List<R> found = all(type).stream().filter(named).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " " + logicalName);
        return found.getFirst();
    }

    private static Set<String> names(List<? extends Resource> resources) {
        return resources.stream().map(Resource::pulumiResourceName).collect(Collectors.toSet());
    }
}
