package io.filepipe.core.blob;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Objects in one bucket. */
public interface BlobStore {

    /** The bucket every key of this store lives in. */
    String bucket();

    /**
     * Stores {@code data} under {@code key}. The store sends the SHA-256 so that the server rejects
     * a body corrupted in transit.
     */
    void put(String key, byte[] data, String contentType, byte[] sha256);

    Optional<BlobInfo> head(String key);

    /** Opens the object for streaming; throws {@link BlobNotFound}. The caller closes the stream. */
    InputStream open(String key);

    /**
     * A URL that lets anyone holding it GET the object for {@code ttl}; the response carries a
     * Content-Disposition naming {@code downloadName}.
     */
    URI presignGet(String key, Duration ttl, String downloadName);

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
