package io.filepipe.testsupport.memory;

import io.filepipe.core.Sha256;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.blob.BlobInfo;
import io.filepipe.core.blob.BlobNotFound;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.DownloadHeaders;
import io.filepipe.core.blob.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * {@link BlobStore} in memory, with S3's semantics: a put whose bytes do not match their SHA-256
 * is refused (a permanent {@link StorageUnavailable}) and stores nothing, listings are in key
 * order with second-precision modification times, deleting a missing object is no error.
 * {@link #presignGet} gives a {@code memory:} URI that names the object and its download name or headers;
 * nothing serves it. Thread-safe.
 *
 * <p>For tests: {@link #beforeNext} and {@link #failNext} let a test act before, or fail, the next
 * call of an operation.
 */
public final class InMemoryBlobStore implements BlobStore {

    /** The operations a test can intercept. */
    public enum Operation { PUT, HEAD, OPEN, PRESIGN, DELETE, LIST, DELETE_PREFIX }

    private record Blob(byte[] data, String contentType, Instant lastModified) {
    }

    private final String bucket;
    private final Clock clock;
    private final NavigableMap<String, Blob> objects = new ConcurrentSkipListMap<>();
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
        objects.put(key, new Blob(data.clone(), contentType, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
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
        try {
            return new URI("memory", bucket, "/" + key, "ttl=" + ttl + "&filename=" + downloadName, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("key cannot be part of a URI: " + key, e);
        }
    }

    @Override
    public URI presignGet(String key, Duration ttl, DownloadHeaders headers) {
        interceptions.before(Operation.PRESIGN);
        try {
            return new URI("memory", bucket, "/" + key, "ttl=" + ttl + "&content-type=" + headers.contentType()
                    + "&disposition=" + headers.contentDisposition(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("key cannot be part of a URI: " + key, e);
        }
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

    private static StoredObject stored(Map.Entry<String, Blob> e) {
        return new StoredObject(e.getKey(), e.getValue().data().length, e.getValue().lastModified());
    }
}
