package io.filepipe.testsupport.memory;

import io.filepipe.core.Sha256;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.blob.BlobDigest;
import io.filepipe.core.blob.BlobInfo;
import io.filepipe.core.blob.InvalidParts;
import io.filepipe.core.blob.MultipartNotFound;
import io.filepipe.core.blob.PartTag;
import io.filepipe.core.blob.PresignedPut;
import io.filepipe.core.blob.UploadedPart;
import io.filepipe.core.blob.BlobNotFound;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.DownloadHeaders;
import io.filepipe.core.blob.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * {@link BlobStore} in memory, with S3's semantics: a put whose bytes do not match their SHA-256
 * is refused (a permanent {@link StorageUnavailable}) and stores nothing, listings are in key
 * order with second-precision modification times, deleting a missing object is no error.
 * {@link #presignGet} gives a {@code memory:} URI that names the object and its download name or headers;
 * nothing serves it. Presigned PUTs and parts are {@code memory:} URIs too, and {@link #receive}
 * does what a PUT to one would. Multipart uploads check part ETags and S3's 5 MiB minimum part.
 * Thread-safe.
 *
 * <p>For tests: {@link #beforeNext} and {@link #failNext} let a test act before, or fail, the next
 * call of an operation.
 */
public final class InMemoryBlobStore implements BlobStore {

    /** The operations a test can intercept. */
    public enum Operation { PUT, HEAD, OPEN, PRESIGN, DELETE, LIST, DELETE_PREFIX, MULTIPART }

    /** An object; {@code sha256} is the checksum it was stored with (hex), null for a multipart object. */
    private record Blob(byte[] data, String contentType, Instant lastModified, String sha256) {
    }

    private record Multipart(String key, String contentType, NavigableMap<Integer, byte[]> parts) {
    }

    /** S3's smallest part but the last. */
    private static final int MIN_PART_BYTES = 5 * 1024 * 1024;
    private static final String UPLOAD_CONTENT_TYPE = "application/octet-stream";

    private final String bucket;
    private final Clock clock;
    private final NavigableMap<String, Blob> objects = new ConcurrentSkipListMap<>();
    private final Map<String, Multipart> multiparts = new ConcurrentHashMap<>();
    private final Interceptions<Operation> interceptions = new Interceptions<>(Operation.class);

    /** A bucket whose objects are stamped with {@code clock}'s time. */
    public InMemoryBlobStore(String bucket, Clock clock) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InMemoryBlobStore(String bucket) {
        this(bucket, Clock.systemUTC());
    }

    /** Runs {@code action} just before the next call of {@code operation} (one call per action queued). */
    public InMemoryBlobStore beforeNext(Operation operation, Runnable action) {
        interceptions.add(operation, Objects.requireNonNull(action, "action"));
        return this;
    }

    /** The next call of {@code operation} throws what {@code fault} supplies and changes nothing. */
    public InMemoryBlobStore failNext(Operation operation, Supplier<? extends RuntimeException> fault) {
        return beforeNext(operation, () -> {
            throw fault.get();
        });
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void put(String key, byte[] data, String contentType, byte[] sha256) {
        interceptions.before(Operation.PUT);
        if (!MessageDigest.isEqual(Sha256.of(data), sha256)) {
            throw new StorageUnavailable("the SHA-256 of the body does not match the one sent (BadDigest)", null, false);
        }
        objects.put(key, new Blob(data.clone(), contentType, now(), HexFormat.of().formatHex(sha256)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public Optional<BlobInfo> head(String key) {
        interceptions.before(Operation.HEAD);
        return Optional.ofNullable(objects.get(key)).map(blob -> new BlobInfo(key, blob.data().length, blob.contentType()));
    }

    @Override
    public InputStream open(String key) {
        interceptions.before(Operation.OPEN);
        Blob blob = objects.get(key);
        if (blob == null) {
            throw new BlobNotFound(key);
        }
        return new ByteArrayInputStream(blob.data());
    }

    @Override
    public URI presignGet(String key, Duration ttl, String downloadName) {
        interceptions.before(Operation.PRESIGN);
        return uri(key, "ttl=" + ttl + "&filename=" + downloadName);
    }

    @Override
    public URI presignGet(String key, Duration ttl, DownloadHeaders headers) {
        interceptions.before(Operation.PRESIGN);
        return uri(key, "ttl=" + ttl + "&content-type=" + headers.contentType()
                + "&disposition=" + headers.contentDisposition());
    }

    @Override
    public void delete(String key) {
        interceptions.before(Operation.DELETE);
        objects.remove(key);
    }

    @Override
    public List<StoredObject> list(String prefix, String startAfter, int max) {
        interceptions.before(Operation.LIST);
        NavigableMap<String, Blob> from = startAfter == null ? objects : objects.tailMap(startAfter, false);
        return from.entrySet().stream()
                .dropWhile(e -> e.getKey().compareTo(prefix) < 0)
                .takeWhile(e -> e.getKey().startsWith(prefix))
                .limit(max)
                .map(InMemoryBlobStore::stored)
                .toList();
    }

    @Override
    public int deletePrefix(String prefix) {
        interceptions.before(Operation.DELETE_PREFIX);
        NavigableMap<String, Blob> under = objects.tailMap(prefix, true);
        List<String> keys = under.keySet().stream().takeWhile(k -> k.startsWith(prefix)).toList();
        keys.forEach(objects::remove);
        return keys.size();
    }

    @Override
    public Optional<BlobDigest> digest(String key) {
        interceptions.before(Operation.HEAD);
        return Optional.ofNullable(objects.get(key)).map(blob -> new BlobDigest(key, blob.data().length, etag(blob.data()), blob.sha256()));
    }

    /** {@code memory://bucket/key?length=N[&sha256=hex]&ttl=…}: {@link #receive} does what a PUT to it would. */
    @Override
    public PresignedPut presignPut(String key, long contentLength, byte[] sha256, Duration ttl) {
        interceptions.before(Operation.PRESIGN);
        return presigned(key, "length=" + contentLength + (sha256 == null ? "" : "&sha256=" + HexFormat.of().formatHex(sha256))
                + "&ttl=" + ttl);
    }

    /** Like AWS: a declared SHA-256 is bound into the URL and checked by {@link #receive}. */
    @Override
    public boolean signsChecksums() {
        return true;
    }

    @Override
    public String startMultipart(String key, String contentType) {
        interceptions.before(Operation.MULTIPART);
        String id = UUID.randomUUID().toString();
        multiparts.put(id, new Multipart(key, contentType, new ConcurrentSkipListMap<>()));
        return id;
    }

    /** {@code memory://bucket/key?uploadId=…&partNumber=N&length=N&ttl=…}: see {@link #receive}. */
    @Override
    public PresignedPut presignPart(String key, String multipartId, int partNumber, long contentLength, Duration ttl) {
        interceptions.before(Operation.PRESIGN);
        return presigned(key, "uploadId=" + multipartId + "&partNumber=" + partNumber + "&length=" + contentLength
                + "&ttl=" + ttl);
    }

    @Override
    public List<UploadedPart> uploadedParts(String key, String multipartId) {
        interceptions.before(Operation.MULTIPART);
        Multipart upload = multipart(key, multipartId);
        return upload.parts().entrySet().stream()
                .map(e -> new UploadedPart(e.getKey(), etag(e.getValue()), e.getValue().length))
                .toList();
    }

    @Override
    public void completeMultipart(String key, String multipartId, List<PartTag> parts) {
        interceptions.before(Operation.MULTIPART);
        Multipart upload = multipart(key, multipartId);
        List<PartTag> sorted = parts.stream().sorted(Comparator.comparingInt(PartTag::partNumber)).toList();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        int previous = 0;
        for (PartTag part : sorted) {
            byte[] data = upload.parts().get(part.partNumber());
            if (part.partNumber() == previous || data == null || !etag(data).equals(part.etag())) {
                throw new InvalidParts("InvalidPart: part " + part.partNumber());
            }
            if (part != sorted.getLast() && data.length < MIN_PART_BYTES) {
                throw new InvalidParts("EntityTooSmall: part " + part.partNumber());
            }
            whole.writeBytes(data);
            previous = part.partNumber();
        }
        multiparts.remove(multipartId);
        objects.put(key, new Blob(whole.toByteArray(), upload.contentType(), now(), null));
    }

    @Override
    public void abortMultipart(String key, String multipartId) {
        interceptions.before(Operation.MULTIPART);
        multiparts.remove(multipartId);
    }

    /**
     * Does what a PUT of {@code body} to a URL from {@link #presignPut} or {@link #presignPart}
     * would: refuses a body of another length or (where bound) another SHA-256, and a part of an
     * upload that is gone; returns the ETag (quoted hex MD5, like S3).
     */
    public String receive(URI url, byte[] body) {
        Map<String, String> query = new HashMap<>();
        for (String pair : url.getQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv[1]);
        }
        String key = url.getPath().substring(1);
        if (Long.parseLong(query.get("length")) != body.length) {
            throw new IllegalArgumentException("SignatureDoesNotMatch: the body is not the length signed");
        }
        if (query.containsKey("uploadId")) {
            Multipart upload = multipart(key, query.get("uploadId"));
            upload.parts().put(Integer.parseInt(query.get("partNumber")), body.clone());
        } else {
            String declared = query.get("sha256");
            String actual = Sha256.hex(body);
            if (declared != null && !declared.equals(actual)) {
                throw new IllegalArgumentException("BadDigest: the body does not match the SHA-256 signed");
            }
            objects.put(key, new Blob(body.clone(), UPLOAD_CONTENT_TYPE, now(), declared));
        }
        return etag(body);
    }

    private Multipart multipart(String key, String multipartId) {
        Multipart upload = multiparts.get(multipartId);
        if (upload == null || !upload.key().equals(key)) {
            throw new MultipartNotFound(key);
        }
        return upload;
    }

    private PresignedPut presigned(String key, String query) {
        return new PresignedPut(uri(key, query), Map.of("Content-Type", UPLOAD_CONTENT_TYPE));
    }

    private URI uri(String key, String query) {
        try {
            return new URI("memory", bucket, "/" + key, query, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("key cannot be part of a URI: " + key, e);
        }
    }

    private static String etag(byte[] data) {
        try {
            return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static StoredObject stored(Map.Entry<String, Blob> e) {
        return new StoredObject(e.getKey(), e.getValue().data().length, e.getValue().lastModified());
    }
}
