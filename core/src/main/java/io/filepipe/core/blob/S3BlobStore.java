package io.filepipe.core.blob;

import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.internal.TransientErrors;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link BlobStore} on one S3 bucket (AWS, LocalStack, moto or any S3-compatible server). A missing
 * object becomes the port's outcome; every other SDK failure becomes {@link StorageUnavailable}.
 */
public final class S3BlobStore implements BlobStore {

    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * Creates the bucket unless this account has it already. For local and development stacks; on
     * AWS Pulumi owns the bucket.
     */
    public static void createBucketIfMissing(S3Client s3, String bucket) {
        try {
            s3.createBucket(r -> r.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // a restart on the same data
        }
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void put(String key, byte[] data, String contentType, byte[] sha256) {
        try {
            // RequestBody.fromBytes would copy the array first; the store never changes it, so stream it as is
            s3.putObject(r -> r.bucket(bucket).key(key)
                            .contentType(contentType)
                            .contentLength((long) data.length)
                            .checksumSHA256(Base64.getEncoder().encodeToString(sha256)),
                    RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(data), data.length,
                            contentType));
        } catch (SdkException e) {
            throw unavailable("PutObject", e);
        }
    }

    @Override
    public Optional<BlobInfo> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new BlobInfo(key, head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) { // HEAD has no body, so some servers give no error code
                return Optional.empty();
            }
            throw unavailable("HeadObject", e);
        } catch (SdkException e) {
            throw unavailable("HeadObject", e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return new SdkFailureTranslatingStream(s3.getObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFound(key);
        } catch (SdkException e) {
            throw unavailable("GetObject", e);
        }
    }

    @Override
    public URI presignGet(String key, Duration ttl, String downloadName) {
        String disposition = ContentDisposition.attachment(downloadName);
        return presign(key, ttl, g -> g.responseContentDisposition(disposition));
    }

    @Override
    public URI presignGet(String key, Duration ttl, DownloadHeaders headers) {
        return presign(key, ttl, g -> g.responseContentType(headers.contentType())
                .responseContentDisposition(headers.contentDisposition()));
    }

    private URI presign(String key, Duration ttl, Consumer<GetObjectRequest.Builder> overrides) {
        try {
            return presigner.presignGetObject(p -> p.signatureDuration(ttl)
                    .getObjectRequest(g -> overrides.accept(g.bucket(bucket).key(key))))
                    .url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("presigner produced an invalid URL", e);
        } catch (SdkException e) {
            throw unavailable("presigning GetObject", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw unavailable("DeleteObject", e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix, String startAfter, int max) {
        List<StoredObject> found = new ArrayList<>();
        try {
            for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix).startAfter(startAfter)
                    .maxKeys(Math.min(max, 1000)))) {
                for (S3Object object : page.contents()) {
                    if (found.size() == max) {
                        return found;
                    }
                    found.add(new StoredObject(object.key(), object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw unavailable("ListObjectsV2", e);
        }
        return found;
    }

    @Override
    public int deletePrefix(String prefix) {
        int deleted = 0;
        try {
            for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))) {
                List<ObjectIdentifier> ids = page.contents().stream()
                        .map(S3Object::key)
                        .map(k -> ObjectIdentifier.builder().key(k).build())
                        .toList();
                if (!ids.isEmpty()) {
                    s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
                    deleted += ids.size();
                }
            }
        } catch (SdkException e) {
            throw unavailable("deleting under a prefix", e);
        }
        return deleted;
    }

    private StorageUnavailable unavailable(String operation, SdkException failure) {
        return TransientErrors.storageUnavailable("S3 " + operation + " in " + bucket, failure);
    }
}
