package io.filepipe.core.blob;

import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.internal.TransientErrors;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;

/**
 * {@link BlobStore} on one S3 bucket (AWS, LocalStack, moto or any S3-compatible server). A missing
 * object becomes the port's outcome; every other SDK failure becomes {@link StorageUnavailable}.
 */
public final class S3BlobStore implements BlobStore {

    private static final int NOT_FOUND = 404;
    /** What every presigned PUT is signed for, and what clients send (S3Proxy reads a form type as form fields). */
    public static final String UPLOAD_CONTENT_TYPE = "application/octet-stream";
    /** S3's error codes for a completion whose parts it refuses. */
    private static final Set<String> REFUSED_PARTS = Set.of("InvalidPart", "InvalidPartOrder", "EntityTooSmall");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final boolean signsChecksums;

    /** A store whose presigned PUTs carry no checksum (every S3-compatible server accepts them). */
    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket) {
        this(s3, presigner, bucket, false);
    }

    /**
     * A store whose presigned PUTs bind a declared SHA-256 when {@code signsChecksums} (AWS S3;
     * S3Proxy refuses checksum parameters on presigned requests).
     */
    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, boolean signsChecksums) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.signsChecksums = signsChecksums;
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

    @Override
    public Optional<BlobDigest> digest(String key) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
            // a multipart object's checksum is one of its parts' checksums ("...-3"), not the whole object's
            String sha256 = head.checksumSHA256() == null || head.checksumSHA256().contains("-") ? null
                    : HexFormat.of().formatHex(Base64.getDecoder().decode(head.checksumSHA256()));
            return Optional.of(new BlobDigest(key, head.contentLength(), head.eTag(), sha256));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw unavailable("HeadObject", e);
        } catch (SdkException e) {
            throw unavailable("HeadObject", e);
        }
    }

    @Override
    public PresignedPut presignPut(String key, long contentLength, byte[] sha256, Duration ttl) {
        try {
            return presigned(presigner.presignPutObject(p -> p.signatureDuration(ttl).putObjectRequest(put -> {
                put.bucket(bucket).key(key).contentLength(contentLength).contentType(UPLOAD_CONTENT_TYPE);
                if (sha256 != null && signsChecksums) {
                    put.checksumSHA256(Base64.getEncoder().encodeToString(sha256));
                }
            })));
        } catch (SdkException e) {
            throw unavailable("presigning PutObject", e);
        }
    }

    @Override
    public boolean signsChecksums() {
        return signsChecksums;
    }

    @Override
    public String startMultipart(String key, String contentType) {
        try {
            return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId();
        } catch (SdkException e) {
            throw unavailable("CreateMultipartUpload", e);
        }
    }

    @Override
    public PresignedPut presignPart(String key, String multipartId, int partNumber, long contentLength, Duration ttl) {
        try {
            return presigned(presigner.presignUploadPart(p -> p.signatureDuration(ttl).uploadPartRequest(part -> part
                    .bucket(bucket).key(key).uploadId(multipartId).partNumber(partNumber)
                    .contentLength(contentLength))));
        } catch (SdkException e) {
            throw unavailable("presigning UploadPart", e);
        }
    }

    @Override
    public List<UploadedPart> uploadedParts(String key, String multipartId) {
        List<UploadedPart> parts = new ArrayList<>();
        try {
            for (var page : s3.listPartsPaginator(r -> r.bucket(bucket).key(key).uploadId(multipartId))) {
                for (Part part : page.parts()) {
                    parts.add(new UploadedPart(part.partNumber(), part.eTag(), part.size()));
                }
            }
        } catch (NoSuchUploadException e) {
            throw new MultipartNotFound(key);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw new MultipartNotFound(key);
            }
            throw unavailable("ListParts", e);
        } catch (SdkException e) {
            throw unavailable("ListParts", e);
        }
        parts.sort(Comparator.comparingInt(UploadedPart::partNumber));
        return parts;
    }

    @Override
    public void completeMultipart(String key, String multipartId, List<PartTag> parts) {
        List<CompletedPart> completed = parts.stream()
                .sorted(Comparator.comparingInt(PartTag::partNumber))
                .map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.etag()).build())
                .toList();
        try {
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(multipartId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (NoSuchUploadException e) {
            throw new MultipartNotFound(key);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() == NOT_FOUND) {
                throw new MultipartNotFound(key);
            }
            if (e.statusCode() == 400 && code != null && REFUSED_PARTS.contains(code)) {
                throw new InvalidParts(code + ": " + e.awsErrorDetails().errorMessage());
            }
            throw unavailable("CompleteMultipartUpload", e);
        } catch (SdkException e) {
            throw unavailable("CompleteMultipartUpload", e);
        }
    }

    @Override
    public void abortMultipart(String key, String multipartId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(multipartId));
        } catch (NoSuchUploadException e) {
            // aborted before, or completed: nothing left to drop
        } catch (S3Exception e) {
            if (e.statusCode() != NOT_FOUND) {
                throw unavailable("AbortMultipartUpload", e);
            }
        } catch (SdkException e) {
            throw unavailable("AbortMultipartUpload", e);
        }
    }

    /** The URL and the signed headers a client sends itself; Host and Content-Length every client sends anyway. */
    private static PresignedPut presigned(PresignedRequest request) {
        Map<String, String> headers = new TreeMap<>();
        request.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(canonicalHeaderName(name), String.join(",", values));
            }
        });
        try {
            return new PresignedPut(request.url().toURI(), headers);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("presigner produced an invalid URL", e);
        }
    }

    /** {@code content-type} as clients write it: {@code Content-Type}; {@code x-amz-…} headers stay lowercase. */
    private static String canonicalHeaderName(String name) {
        return name.equalsIgnoreCase("content-type") ? "Content-Type" : name;
    }

    private StorageUnavailable unavailable(String operation, SdkException failure) {
        return TransientErrors.storageUnavailable("S3 " + operation + " in " + bucket, failure);
    }
}
