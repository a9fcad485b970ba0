package io.filepipe.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.config.AwsClients;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.MotoServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JVM's shared moto, spoken to by hand for the services filepipe has no SDK client for: AWS
 * JSON 1.0/1.1 ({@code X-Amz-Target}) for Cognito, Step Functions, SQS and EventBridge, REST JSON for Pipes.
 * moto picks the service from the credential scope of the Authorization header and checks no
 * signature, so the header carries a well-formed scope and a dummy signature.
 */
final class MotoApi {

    static final String REGION = LocalClients.REGION;
    static final String ACCOUNT_ID = MotoServer.ACCOUNT_ID;

    /** A service spoken in AWS JSON: its signing name, protocol version and target prefix. */
    enum JsonService {
        COGNITO("cognito-idp", "1.1", "AWSCognitoIdentityProviderService"),
        STEP_FUNCTIONS("states", "1.0", "AWSStepFunctions"),
        SQS("sqs", "1.0", "AmazonSQS"),
        EVENTS("events", "1.1", "AWSEvents");

        private final String signingName;
        private final String version;
        private final String targetPrefix;

        JsonService(String signingName, String version, String targetPrefix) {
            this.signingName = signingName;
            this.version = version;
            this.targetPrefix = targetPrefix;
        }
    }

    private final URI endpoint;

    private MotoApi(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The shared moto, for test classes that are {@link io.filepipe.testsupport.RequiresMoto}. */
    static MotoApi shared() {
        return new MotoApi(MotoServer.shared().endpoint());
    }

    URI endpoint() {
        return endpoint;
    }

    /** SDK clients for the services moto shares with the SDK-based adapters (DynamoDB, S3). */
    AwsClients sdkClients() {
        return LocalClients.forEndpoint(endpoint);
    }

    /** Calls {@code operation} and returns moto's answer as it is, error or not. */
    Http.Response call(JsonService service, String operation, Object body) {
        return Http.send(signed(HttpRequest.newBuilder(endpoint.resolve("/")), service.signingName)
                .header("X-Amz-Target", service.targetPrefix + "." + operation)
                .header("Content-Type", "application/x-amz-json-" + service.version)
                .POST(HttpRequest.BodyPublishers.ofString(Http.write(body))));
    }

    /** Calls {@code operation} and returns the body of a successful answer. */
    JsonNode ok(JsonService service, String operation, Object body) {
        return ok(call(service, operation, body), service + " " + operation);
    }

    /** A Pipes REST call ({@code body} null for none), returning the body of a successful answer. */
    JsonNode pipes(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Http.write(body));
        return ok(Http.send(signed(HttpRequest.newBuilder(endpoint.resolve(path)), "pipes")
                .header("Content-Type", "application/json")
                .method(method, publisher)), "Pipes " + method + " " + path);
    }

    private static JsonNode ok(Http.Response reply, String what) {
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException(what + " failed in moto: HTTP " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    private static HttpRequest.Builder signed(HttpRequest.Builder request, String signingName) {
        String day = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        return request.header("Authorization", "AWS4-HMAC-SHA256 Credential=moto/" + day + "/" + REGION + "/"
                + signingName + "/aws4_request, SignedHeaders=host, Signature=" + "0".repeat(64));
    }
}
