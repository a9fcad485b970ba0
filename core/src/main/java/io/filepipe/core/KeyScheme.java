package io.filepipe.core;

/**
 * The one definition of every key filepipe writes: the DynamoDB single-table keys and the S3
 * object keys. Keys are built only from validated types, never from raw client input.
 *
 * <pre>
 * file item         PK = USER#&lt;sub&gt;  SK = FILE#&lt;fileId&gt;
 * idempotency item  PK = USER#&lt;sub&gt;  SK = IDEMPOTENCY#&lt;sha256(key)&gt;
 * upload session    PK = USER#&lt;sub&gt;  SK = UPLOAD#&lt;uploadId&gt;  (a large file on its way to the bucket)
 * upload object     uploads/&lt;sub&gt;/&lt;fileId&gt;/&lt;sanitized name&gt;
 * derived objects   derived/&lt;sub&gt;/&lt;fileId&gt;/&lt;name&gt;
 * orphan scan item  PK = RECONCILER    SK = ORPHAN_SCAN  (where the reconciler's scan of uploads goes on)
 * share item        PK = SHARE#&lt;sha256(shareId)&gt;  SK = SHARE  (resolves a link without knowing its owner)
 * share entry       PK = USER#&lt;sub&gt;  SK = SHARE#&lt;fileId&gt;#&lt;sha256(shareId)&gt;  (the owner's list of a file's links)
 * </pre>
 */
public final class KeyScheme {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String USER_PREFIX = "USER#";
    public static final String FILE_PREFIX = "FILE#";
    public static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY#";
    public static final String UPLOAD_SESSION_PREFIX = "UPLOAD#";
    public static final String UPLOADS_PREFIX = "uploads/";
    public static final String DERIVED_PREFIX = "derived/";
    /** The partition of the reconciler's own items; no user id can be it (theirs start with {@value #USER_PREFIX}). */
    public static final String RECONCILER_PARTITION = "RECONCILER";
    public static final String ORPHAN_SCAN_SORT_KEY = "ORPHAN_SCAN";
    /** The prefix of a share item's partition and of a share entry's sort key; never {@value #FILE_PREFIX}, so the pipe ignores both. */
    public static final String SHARE_PREFIX = "SHARE#";
    public static final String SHARE_SORT_KEY = "SHARE";

    private KeyScheme() {
    }

    public static String partitionKey(UserId userId) {
        return USER_PREFIX + userId.value();
    }

    public static String fileSortKey(FileId fileId) {
        return FILE_PREFIX + fileId.value();
    }

    public static String idempotencySortKey(String keyHash) {
        return IDEMPOTENCY_PREFIX + keyHash;
    }

    public static String uploadSessionSortKey(String uploadId) {
        return UPLOAD_SESSION_PREFIX + uploadId;
    }

    /** The partition of the share item that resolves the link whose id hashes to {@code idHash}. */
    public static String sharePartitionKey(String idHash) {
        return SHARE_PREFIX + idHash;
    }

    /** The sort key of a user's entry for one link of a file; all of the file's share the prefix {@code shareSortKey(fileId, "")}. */
    public static String shareSortKey(FileId fileId, String idHash) {
        return SHARE_PREFIX + fileId.value() + "#" + idHash;
    }

    public static String objectKey(UserId userId, FileId fileId, FileName fileName) {
        return UPLOADS_PREFIX + userId.value() + "/" + fileId.value() + "/" + fileName.keySegment();
    }

    /** The folder under which processing writes what it derives from a file; ends with '/'. */
    public static String derivedPrefix(UserId userId, FileId fileId) {
        return DERIVED_PREFIX + userId.value() + "/" + fileId.value() + "/";
    }

    /** Reads the user back from a partition key. */
    public static UserId userOf(String partitionKey) {
        if (!partitionKey.startsWith(USER_PREFIX)) {
            throw new IllegalArgumentException("not a user partition key");
        }
        return new UserId(partitionKey.substring(USER_PREFIX.length()));
    }

    /** Reads the file id back from a file sort key. */
    public static FileId fileOf(String sortKey) {
        if (!sortKey.startsWith(FILE_PREFIX)) {
            throw new IllegalArgumentException("not a file sort key");
        }
        return new FileId(sortKey.substring(FILE_PREFIX.length()));
    }
}
