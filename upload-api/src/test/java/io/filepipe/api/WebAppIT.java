package io.filepipe.api;

import static io.filepipe.api.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.api.support.ApiTestStack;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.SharedBackends;
import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web app as the API serves it under {@code /}: without a token, cached by content hash, behind a strict CSP. */
class WebAppIT {

    private static final ApiTestStack stack = ApiTestStack.shared();

    private static Http.Response get(String path) {
        return Http.send(HttpRequest.newBuilder(stack.uri(path)));
    }

    private static void assertSecured(Http.Response response) {
        String csp = response.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
    }

    @Test
    void thePageIsServedWithoutATokenRevalidatedEachTimeAndUnderAStrictPolicy() {
        Http.Response page = get("/");

        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.contentType().toLowerCase().replace(";charset", "; charset"));
        assertEquals("no-cache", page.header("Cache-Control"));
        assertSecured(page);
        assertTrue(page.body().contains("<title>filepipe</title>"), page.body());
    }

    @Test
    void assetsNamedByTheirContentAreCachedForGood() {
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(get("/").body());
        assertTrue(script.find());

        Http.Response asset = get(script.group(1));

        assertEquals(200, asset.status());
        assertTrue(asset.contentType().startsWith("text/javascript"), asset.contentType());
        assertEquals("public, max-age=31536000, immutable", asset.header("Cache-Control"));
        assertSecured(asset);
    }

    @Test
    void anAssetThatIsNotThereOrNotAnAssetNameIsNotFound() {
        assertProblem(get("/assets/index-00000000.js"), 404, "not-found");
        assertProblem(get("/assets/..%2Findex.html"), 404, "not-found");
        assertProblem(get("/assets/index.exe"), 404, "not-found");
    }

    @Test
    void thePageLearnsItsAppClientAndThatItsStorageAndSignInAreTheOnlyOtherOriginsItTalksTo() {
        Http.Response config = get("/app-config.json");

        assertEquals(200, config.status());
        assertEquals(ApiTestStack.CLIENT_ID, config.json().get("client_id").asText());
        assertTrue(config.json().get("sign_in_url").isNull(), "the test stack configures no sign-in: " + config.body());
        String csp = config.header("Content-Security-Policy");
        assertTrue(csp.contains("connect-src 'self' " + SharedBackends.s3().endpoint().toString().replaceAll("/+$", "") + ";"), csp);
    }
}
