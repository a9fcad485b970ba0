package io.filepipe.testsupport.adapters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filepipe.testsupport.SharedBackends;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.DownloadHeaders;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.testsupport.contract.BlobStoreContract;
import io.filepipe.core.blob.PresignedPut;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The {@link BlobStore} contract, and what only a real S3 endpoint can show (presigned URLs), on one
 * backend: one subclass per backend, so that Failsafe counts each backend's tests and skips apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class S3BlobStoreIT extends BlobStoreContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Backend backend;
    private S3Client s3;
    private S3Presigner presigner;
    private BlobStore store;

    S3BlobStoreIT(Backend backend) {
        this.backend = backend;
    }

    @BeforeAll
    void createBucket() {
        var clients = backend.clients();
        s3 = clients.s3();
        presigner = clients.s3Presigner();
        String bucket = SharedBackends.uniqueName("bucket");
        s3.createBucket(r -> r.bucket(bucket));
        // S3Proxy refuses checksum parameters on presigned requests (docs/api.md: checksums on the local stack)
        store = new S3BlobStore(s3, presigner, bucket, backend != Backend.LOCAL);
    }

    @AfterAll
    void close() {
        s3.close();
        presigner.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected boolean verifiesChecksums() {
        // moto 5.2.1 stores the x-amz-checksum-sha256 it is given without comparing it with the bytes
        return backend != Backend.MOTO;
    }

    @Override
    protected boolean refusesPartsAfterAbort() {
        // S3Proxy 4.1.0 answers 200 to a part PUT after the upload was aborted (and keeps it nowhere)
        return backend != Backend.LOCAL;
    }

    @Override
    protected boolean enforcesPresignedLength() {
        // moto 5.2.1 does not hold a presigned PUT to the content-length it was signed with
        return backend != Backend.MOTO;
    }

    @Override
    protected String putTo(PresignedPut put, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(put.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        put.headers().forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PUT answered " + response.statusCode() + ": " + response.body());
            }
            return response.headers().firstValue("ETag").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void presignedUrlDownloadsTheObjectWithItsName() throws Exception {
        // moto 5.2.1 ignores the response-content-disposition override that AWS applies to signed GETs
        assumeTrue(backend != Backend.MOTO, "moto does not apply response-content-disposition");
        byte[] data = "presigned".getBytes(StandardCharsets.UTF_8);
        store.put("uploads/u/3/p.txt", data, "text/plain", MessageDigest.getInstance("SHA-256").digest(data));

        var uri = store.presignGet("uploads/u/3/p.txt", Duration.ofMinutes(5), "Résumé 1.txt");
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertArrayEquals(data, response.body());
        assertEquals("attachment; filename=\"Resume 1.txt\"; filename*=UTF-8''R%C3%A9sum%C3%A9%201.txt",
                response.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void presignedUrlForSharingOverridesTheStoredContentType() throws Exception {
        assumeTrue(backend != Backend.MOTO, "moto does not apply response-content-* overrides");
        byte[] data = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        store.put("uploads/u/4/page.html", data, "text/html", MessageDigest.getInstance("SHA-256").digest(data));

        var uri = store.presignGet("uploads/u/4/page.html", Duration.ofMinutes(5),
                DownloadHeaders.forSharing("text/plain", "page.html"));
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertArrayEquals(data, response.body());
        assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"page.html\"; filename*=UTF-8''page.html",
                response.headers().firstValue("Content-Disposition").orElseThrow());
    }
}
