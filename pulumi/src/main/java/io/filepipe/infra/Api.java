package io.filepipe.infra;

import com.pulumi.aws.apigatewayv2.Authorizer;
import com.pulumi.aws.apigatewayv2.AuthorizerArgs;
import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.IntegrationArgs;
import com.pulumi.aws.apigatewayv2.Route;
import com.pulumi.aws.apigatewayv2.RouteArgs;
import com.pulumi.aws.apigatewayv2.Stage;
import com.pulumi.aws.apigatewayv2.StageArgs;
import com.pulumi.aws.apigatewayv2.inputs.AuthorizerJwtConfigurationArgs;
import com.pulumi.aws.apigatewayv2.inputs.StageAccessLogSettingsArgs;
import com.pulumi.aws.apigatewayv2.inputs.StageDefaultRouteSettingsArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.core.Output;
import io.filepipe.api.ApiConfig;
import io.filepipe.api.ApiRoutes;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.infra.iam.Permissions;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public API: the upload-api function (Javalin behind Lambda Web Adapter, which the image
 * carries) behind an HTTP API whose JWT authorizer admits only the user pool's IdTokens on every
 * route but {@code /health}, a share link's {@code /s/{share_id}} and the web app ({@code /}, its
 * assets and settings). Only the routes the API serves reach the function; API Gateway
 * answers anything else with 404 itself.
 */
public record Api(ContainerFunction function, com.pulumi.aws.apigatewayv2.Api httpApi, LogGroup accessLogs) {

    static final String NAME = "upload-api";
    /** Where files are uploaded. */
    static final String UPLOAD_PATH = "/upload";
    /** HTTP APIs end an integration after 30 s at most. */
    static final int INTEGRATION_TIMEOUT_MS = 30_000;
    /** One JSON object per request; the caller's {@code sub} matches the API's own {@code userId}. */
    static final Map<String, String> ACCESS_LOG_FORMAT = Map.ofEntries(
            Map.entry("requestId", "$context.requestId"),
            Map.entry("requestTime", "$context.requestTime"),
            Map.entry("ip", "$context.identity.sourceIp"),
            Map.entry("routeKey", "$context.routeKey"),
            Map.entry("status", "$context.status"),
            Map.entry("protocol", "$context.protocol"),
            Map.entry("responseLength", "$context.responseLength"),
            Map.entry("responseLatency", "$context.responseLatency"),
            Map.entry("integrationLatency", "$context.integrationLatency"),
            Map.entry("integrationError", "$context.integrationErrorMessage"),
            Map.entry("authorizerError", "$context.authorizer.error"),
            Map.entry("sub", "$context.authorizer.claims.sub"));

    /**
     * The HTTP API alone, created first: its URL is the web app's (the bucket's CORS and the app
     * client's callback URLs name it) before the function behind it exists.
     */
    public static com.pulumi.aws.apigatewayv2.Api httpApi(StackConfig config) {
        return new com.pulumi.aws.apigatewayv2.Api(config.name("api"), com.pulumi.aws.apigatewayv2.ApiArgs.builder()
                .protocolType("HTTP")
                .description("filepipe upload API and web app")
                .build());
    }

    /** The web app's URL: the API's root, where the page is served. */
    public static Output<String> appUrl(com.pulumi.aws.apigatewayv2.Api httpApi) {
        return httpApi.apiEndpoint().applyValue(endpoint -> endpoint + "/");
    }

    public static Api create(StackConfig config, Storage storage, Auth auth, ContainerImage image,
                             Output<AwsAccount> account, com.pulumi.aws.apigatewayv2.Api httpApi) {
        ContainerFunction function = function(config, storage, auth, image, account);
        String name = config.name("api");
        Integration integration = new Integration(name, IntegrationArgs.builder()
                .apiId(httpApi.id())
                .integrationType("AWS_PROXY")
                .integrationUri(function.function().arn())
                .payloadFormatVersion("2.0")
                .timeoutMilliseconds(INTEGRATION_TIMEOUT_MS)
                .build());
        Authorizer authorizer = new Authorizer(name, AuthorizerArgs.builder()
                .apiId(httpApi.id())
                .authorizerType("JWT")
                .identitySources("$request.header.Authorization")
                .jwtConfiguration(AuthorizerJwtConfigurationArgs.builder()
                        .issuer(auth.issuer())
                        .audiences(auth.client().id().applyValue(List::of))
                        .build())
                .build());
        Output<String> target = integration.id().applyValue(id -> "integrations/" + id);
        for (String routeKey : ApiRoutes.AUTHENTICATED) {
            new Route(routeName(name, routeKey), RouteArgs.builder()
                    .apiId(httpApi.id())
                    .routeKey(routeKey)
                    .target(target)
                    .authorizationType("JWT")
                    .authorizerId(authorizer.id())
                    .build());
        }
        // the readiness check, share links (whoever holds one opens the file without an account) and
        // the web app, which signs in by itself
        for (String routeKey : ApiRoutes.PUBLIC) {
            new Route(routeName(name, routeKey), RouteArgs.builder()
                    .apiId(httpApi.id())
                    .routeKey(routeKey)
                    .target(target)
                    .authorizationType("NONE")
                    .build());
        }
        new Permission(name, PermissionArgs.builder()
                .action("lambda:InvokeFunction")
                .function(function.function().name())
                .principal("apigateway.amazonaws.com")
                .sourceArn(httpApi.executionArn().applyValue(arn -> arn + "/*/*"))
                .build());
        LogGroup accessLogs = LogGroups.create(config, name + "-access", "/aws/apigateway/" + name + "-access");
        new Stage(name, StageArgs.builder()
                .apiId(httpApi.id())
                .name("$default")
                .autoDeploy(true)
                .defaultRouteSettings(StageDefaultRouteSettingsArgs.builder()
                        .throttlingRateLimit((double) config.throttleRatePerSecond())
                        .throttlingBurstLimit(config.throttleBurst())
                        .build())
                .accessLogSettings(StageAccessLogSettingsArgs.builder()
                        .destinationArn(accessLogs.arn())
                        .format(Json.write(ACCESS_LOG_FORMAT))
                        .build())
                .build());
        return new Api(function, httpApi, accessLogs);
    }

    /** What a client calls: the {@code $default} stage is served at the API's root. */
    public Output<String> url() {
        return httpApi.apiEndpoint();
    }

    private static ContainerFunction function(StackConfig config, Storage storage, Auth auth, ContainerImage image,
                                              Output<AwsAccount> account) {
        var spec = new ContainerFunction.Spec(config.name(NAME), "the upload API behind API Gateway", config.api(),
                List.of());
        return ContainerFunction.create(config, spec, image,
                logs -> Output.tuple(storage.bucket().arn(), storage.table().arn(), logs)
                        .applyValue(t -> Permissions.uploadApi(t.t1, t.t2, t.t3)),
                Output.tuple(storage.table().name(), storage.bucket().bucket(), auth.issuer(), auth.client().id(),
                                account, auth.signInUrl())
                        .applyValue(t -> ApiConfig.of(t.t1, t.t2, t.t3, t.t4,
                                // only Lambda Web Adapter, inside the same sandbox, talks to the server
                                "127.0.0.1", ApiConfig.DEFAULT_PORT, config.sweepShards(), AwsSettings.onAws(t.t5.region()))
                                .withSignInUrl(URI.create(t.t6))
                                .toEnvironment()));
    }

    /** {@code POST /files/{id}} -> {@code <name>-post-files-id}. */
    static String routeName(String name, String routeKey) {
        return name + "-" + routeKey.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "");
    }
}
