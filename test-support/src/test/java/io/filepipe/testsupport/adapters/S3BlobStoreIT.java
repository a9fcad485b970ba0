package io.filepipe.testsupport.adapters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.testsupport.contract.BlobStoreContract;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The {@link BlobStore} contract, and what only a real S3 endpoint can show (presigned URLs), on each backend. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class S3BlobStoreIT extends BlobStoreContract {

    @Parameter
    Backend backend;

    private static S3Client s3;
    private static S3Presigner presigner;
    private static BlobStore store;

    @BeforeParameterizedClassInvocation
    static void createBucket(Backend backend) {
        var clients = backend.clients();
        s3 = clients.s3();
        presigner = clients.s3Presigner();
        String bucket = Backend.uniqueName("bucket");
        s3.createBucket(r -> r.bucket(bucket));
        store = new S3BlobStore(s3, presigner, bucket);
    }

    @AfterParameterizedClassInvocation
    static void close() {
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
}
