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

    /**
     * The object's size and whole-object SHA-256 where the backend keeps one, read without
     * downloading it; empty when there is no object.
     */
    Optional<BlobDigest> digest(String key);

    /**
     * A URL that lets anyone holding it PUT exactly {@code contentLength} bytes at {@code key} for
     * {@code ttl}, with the headers it names ({@code Content-Type: application/octet-stream}). When
     * {@code sha256} is given and {@link #signsChecksums()}, the URL also binds the body's SHA-256,
     * which the client sends as the header {@code x-amz-checksum-sha256} and the backend verifies.
     */
    PresignedPut presignPut(String key, long contentLength, byte[] sha256, Duration ttl);

    /**
     * Whether {@link #presignPut} binds a declared SHA-256 into the URL (AWS S3); where it does not
     * (S3Proxy refuses checksum parameters on presigned requests), the checksum is verified after
     * the upload instead.
     */
    boolean signsChecksums();

    /** Starts a multipart upload of an object at {@code key}; returns its id. */
    String startMultipart(String key, String contentType);

    /**
     * A URL that lets anyone holding it PUT part {@code partNumber} (1 to 10,000) of exactly
     * {@code contentLength} bytes for {@code ttl}; throws nothing for an aborted upload (the PUT fails).
     */
    PresignedPut presignPart(String key, String multipartId, int partNumber, long contentLength, Duration ttl);

    /** The parts uploaded so far, by part number; throws {@link MultipartNotFound}. */
    List<UploadedPart> uploadedParts(String key, String multipartId);

    /**
     * Assembles the object from {@code parts} (in part-number order); throws {@link InvalidParts}
     * when the backend refuses them and {@link MultipartNotFound} when the upload is gone.
     */
    void completeMultipart(String key, String multipartId, List<PartTag> parts);

    /** Aborts the multipart upload and drops its parts; aborting a missing upload is not an error. */
    void abortMultipart(String key, String multipartId);
}
