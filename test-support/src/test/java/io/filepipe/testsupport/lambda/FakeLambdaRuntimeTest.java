package io.filepipe.testsupport.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.testsupport.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Runtime API as a runtime interface client sees it, spoken to over HTTP like the client does. */
class FakeLambdaRuntimeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FakeLambdaRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeLambdaRuntime();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private URI uri(String path) {
        return URI.create("http://" + runtime.address() + "/2018-06-01/runtime/" + path);
    }

    private CompletableFuture<HttpResponse<String>> next() {
        return HTTP.sendAsync(HttpRequest.newBuilder(uri("invocation/next")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            request.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nextHandsOutQueuedInvocationsInOrderWithTheHeadersTheClientNeeds() throws Exception {
        FakeLambdaRuntime.Invocation first = runtime.invoke("{\"n\":1}");
        FakeLambdaRuntime.Invocation second = runtime.invoke("{\"n\":2}");

        HttpResponse<String> one = next().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        HttpResponse<String> two = next().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("{\"n\":1}", one.body());
        assertEquals(first.requestId(), one.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
        assertEquals("application/json", one.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(one.headers().firstValue("Lambda-Runtime-Deadline-Ms").isPresent());
        assertEquals(second.requestId(), two.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
        assertTrue(first.polledNanos() > 0);
    }

    @Test
    void responsesAndErrorsAnswerTheirInvocation() throws Exception {
        FakeLambdaRuntime.Invocation ok = runtime.invoke("{}");
        FakeLambdaRuntime.Invocation failing = runtime.invoke("{}");
        next().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        next().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals(202, post("invocation/" + ok.requestId() + "/response", "{\"done\":true}", null).statusCode());
        post("invocation/" + failing.requestId() + "/error", "{\"errorType\":\"Boom\"}", "Runtime.UserException");

        assertEquals(new FakeLambdaRuntime.Reply(FakeLambdaRuntime.Reply.Kind.RESPONSE, "{\"done\":true}", null),
                ok.awaitReply(TIMEOUT));
        assertEquals(new FakeLambdaRuntime.Reply(FakeLambdaRuntime.Reply.Kind.ERROR, "{\"errorType\":\"Boom\"}",
                "Runtime.UserException"), failing.awaitReply(TIMEOUT));
        assertTrue(ok.repliedNanos() >= ok.polledNanos());
    }

    @Test
    void anInitErrorAnswersThePendingInvocationToo() throws Exception {
        FakeLambdaRuntime.Invocation pending = runtime.invoke("{}");

        post("init/error", "{\"errorType\":\"Config\"}", "Runtime.BadFunctionCode");

        FakeLambdaRuntime.Reply error = runtime.awaitInitError(TIMEOUT);
        assertEquals(FakeLambdaRuntime.Reply.Kind.INIT_ERROR, error.kind());
        assertEquals("Runtime.BadFunctionCode", error.errorTypeHeader());
        assertEquals(error, pending.awaitReply(TIMEOUT));
    }

    @Test
    void aReleasedStalePollGets503WithAContentTypeAndLeavesTheNextInvocationAlone() throws Exception {
        CompletableFuture<HttpResponse<String>> stale = next();
        Await.until("the poll waiting in the server", TIMEOUT, runtime::waitingPolls, polls -> polls == 1);

        runtime.releaseWaitingPolls();
        FakeLambdaRuntime.Invocation fresh = runtime.invoke("{\"fresh\":true}");
        HttpResponse<String> released = stale.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        HttpResponse<String> nextProcess = next().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals(503, released.statusCode());
        assertEquals("application/json", released.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(fresh.requestId(), nextProcess.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
    }
}
