package io.filepipe.processor;

import io.filepipe.core.blob.BlobDigest;
import io.filepipe.core.blob.BlobInfo;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.DownloadHeaders;
import io.filepipe.core.blob.PartTag;
import io.filepipe.core.blob.PresignedPut;
import io.filepipe.core.blob.StoredObject;
import io.filepipe.core.blob.UploadedPart;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The real store with injected faults: the next {@code n} opens, or one chosen put, throw the given
 * exception; every other call passes through. Also lets a test act between reading and writing.
 */
final class FaultyBlobStore implements BlobStore {

    private final BlobStore delegate;
    private final AtomicInteger failingOpens = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    private volatile int failingPut;
    private volatile Supplier<RuntimeException> fault = () -> new IllegalStateException("no fault configured");
    private final AtomicReference<Runnable> beforeFirstPut = new AtomicReference<>(() -> { });

    FaultyBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    FaultyBlobStore failOpens(int count, Supplier<RuntimeException> fault) {
        this.fault = fault;
        failingOpens.set(count);
        return this;
    }

    /** The {@code nth} put from now (1 for the next one) throws. */
    FaultyBlobStore failPut(int nth, Supplier<RuntimeException> fault) {
        this.fault = fault;
        failingPut = puts.get() + nth;
        return this;
    }

    /** Runs {@code action} once, just before the first thumbnail is written. */
    FaultyBlobStore beforeFirstPut(Runnable action) {
        beforeFirstPut.set(action);
        return this;
    }

    @Override
    public String bucket() {
        return delegate.bucket();
    }

    @Override
    public void put(String key, byte[] data, String contentType, byte[] sha256) {
        beforeFirstPut.getAndSet(() -> { }).run();
        if (puts.incrementAndGet() == failingPut) {
            throw fault.get();
        }
        delegate.put(key, data, contentType, sha256);
    }

    @Override
    public Optional<BlobInfo> head(String key) {
        return delegate.head(key);
    }

    @Override
    public InputStream open(String key) {
        if (failingOpens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw fault.get();
        }
        return delegate.open(key);
    }

    @Override
    public URI presignGet(String key, Duration ttl, String downloadName) {
        return delegate.presignGet(key, ttl, downloadName);
    }

    @Override
    public URI presignGet(String key, Duration ttl, DownloadHeaders headers) {
        return delegate.presignGet(key, ttl, headers);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public List<StoredObject> list(String prefix, String startAfter, int max) {
        return delegate.list(prefix, startAfter, max);
    }

    @Override
    public int deletePrefix(String prefix) {
        return delegate.deletePrefix(prefix);
    }

    @Override
    public Optional<BlobDigest> digest(String key) {
        return delegate.digest(key);
    }

    @Override
    public PresignedPut presignPut(String key, long contentLength, byte[] sha256, Duration ttl) {
        return delegate.presignPut(key, contentLength, sha256, ttl);
    }

    @Override
    public boolean signsChecksums() {
        return delegate.signsChecksums();
    }

    @Override
    public String startMultipart(String key, String contentType) {
        return delegate.startMultipart(key, contentType);
    }

    @Override
    public PresignedPut presignPart(String key, String multipartId, int partNumber, long contentLength, Duration ttl) {
        return delegate.presignPart(key, multipartId, partNumber, contentLength, ttl);
    }

    @Override
    public List<UploadedPart> uploadedParts(String key, String multipartId) {
        return delegate.uploadedParts(key, multipartId);
    }

    @Override
    public void completeMultipart(String key, String multipartId, List<PartTag> parts) {
        delegate.completeMultipart(key, multipartId, parts);
    }

    @Override
    public void abortMultipart(String key, String multipartId) {
        delegate.abortMultipart(key, multipartId);
    }
}
