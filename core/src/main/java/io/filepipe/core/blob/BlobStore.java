package io.filepipe.core.blob;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Objects in one bucket. Besides the outcomes each method names, any method may throw
 * {@link io.filepipe.core.StorageUnavailable} when the backend fails (a put whose bytes do not
 * match the given SHA-256 is refused that way too, not transient); no backend exception type
 * ever leaves an implementation.
 */
public interface BlobStore {

    /** The bucket every key of this store lives in. */
    String bucket();

    /**
     * Stores {@code data} under {@code key}. The store sends the SHA-256 so that the server rejects
     * a body corrupted in transit.
     */
    void put(String key, byte[] data, String contentType, byte[] sha256);

    Optional<BlobInfo> head(String key);

    /**
     * Opens the object for streaming; throws {@link BlobNotFound}. The caller closes the stream;
     * reading it throws {@link java.io.IOException} when the transfer breaks off (worth a retry).
     */
    InputStream open(String key);

    /**
     * A URL that lets anyone holding it GET the object for {@code ttl}; the response carries a
     * Content-Disposition naming {@code downloadName}.
     */
    URI presignGet(String key, Duration ttl, String downloadName);

    /** A URL that lets anyone holding it GET the object for {@code ttl}, answered with {@code headers}. */
    URI presignGet(String key, Duration ttl, DownloadHeaders headers);

    /** Deletes the object; deleting a missing object is not an error. */
    void delete(String key);

    /**
     * Up to {@code max} objects whose key starts with {@code prefix}, in key order, beginning after
     * the key {@code startAfter} (null: from the first).
     */
    List<StoredObject> list(String prefix, String startAfter, int max);

    /** Deletes every object whose key starts with {@code prefix}; returns how many. */
    int deletePrefix(String prefix);
}
