package io.filepipe.core.store;

import static io.filepipe.core.store.FileItems.n;
import static io.filepipe.core.store.FileItems.s;

import io.filepipe.core.FileId;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Page;
import io.filepipe.core.ShareLink;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.core.internal.TransientErrors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link FileStore} on one DynamoDB table laid out by {@link KeyScheme}. Failed conditions become
 * the port's outcomes; every other SDK failure becomes {@link StorageUnavailable}.
 */
public final class DynamoDbFileStore implements FileStore {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder CURSOR_DECODER = Base64.getUrlDecoder();
    private static final Map<String, AttributeValue> ORPHAN_SCAN_KEY = Map.of(
            KeyScheme.PK, s(KeyScheme.RECONCILER_PARTITION), KeyScheme.SK, s(KeyScheme.ORPHAN_SCAN_SORT_KEY));

    private final DynamoDbClient dynamo;
    private final String table;
    private final SweepShards shards;

    /** @param shards how the sweep index spreads unfinished files; the same in every process on this table */
    public DynamoDbFileStore(DynamoDbClient dynamo, String table, SweepShards shards) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.shards = Objects.requireNonNull(shards, "shards");
    }

    @Override
    public void create(FileRecord record) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(FileItems.toItem(record, shards))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", KeyScheme.PK)));
        } catch (ConditionalCheckFailedException e) {
            throw new FileAlreadyExists("file " + record.fileId() + " already exists");
        } catch (SdkException e) {
            throw unavailable("PutItem", e);
        }
    }

    @Override
    public CreateOutcome create(FileRecord record, IdempotencyKey key, Instant now) {
        Map<String, AttributeValue> idem = new HashMap<>();
        idem.put(KeyScheme.PK, s(KeyScheme.partitionKey(record.userId())));
        idem.put(KeyScheme.SK, s(KeyScheme.idempotencySortKey(key.keyHash())));
        idem.put(FileItems.TYPE, s(FileItems.TYPE_IDEMPOTENCY));
        idem.put(FileItems.FINGERPRINT, s(key.requestFingerprint()));
        idem.put(FileItems.FILE_ID, s(record.fileId().value()));
        idem.put(FileItems.S3_KEY, s(record.s3Key()));
        idem.put(FileItems.CREATED_AT, s(Timestamps.format(now)));
        idem.put(FileTable.TTL_ATTRIBUTE, n(now.plus(FileStore.IDEMPOTENCY_TTL).getEpochSecond()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(FileItems.toItem(record, shards))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", KeyScheme.PK))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(idem)
                            // an expired record that TTL has not swept yet does not block the key
                            .conditionExpression("attribute_not_exists(#pk) OR #ttl < :now")
                            .expressionAttributeNames(Map.of("#pk", KeyScheme.PK, "#ttl", FileTable.TTL_ATTRIBUTE))
                            .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))).build()));
            return new CreateOutcome.Created(record);
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, 1)) {
                return findIdempotency(record.userId(), key.keyHash(), now)
                        .<CreateOutcome>map(CreateOutcome.Replayed::new)
                        .orElseThrow(() -> unavailable("TransactWriteItems", e));
            }
            if (conditionFailed(e, 0)) {
                throw new FileAlreadyExists("file " + record.fileId() + " already exists");
            }
            throw unavailable("TransactWriteItems", e);
        } catch (SdkException e) {
            throw unavailable("TransactWriteItems", e);
        }
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(UserId userId, String keyHash, Instant now) {
        Map<String, AttributeValue> item = getItem(Map.of(KeyScheme.PK, s(KeyScheme.partitionKey(userId)),
                KeyScheme.SK, s(KeyScheme.idempotencySortKey(keyHash))));
        if (item == null || item.isEmpty()
                || Long.parseLong(item.get(FileTable.TTL_ATTRIBUTE).n()) < now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new IdempotencyRecord(keyHash, item.get(FileItems.FINGERPRINT).s(),
                new FileId(item.get(FileItems.FILE_ID).s()), item.get(FileItems.S3_KEY).s(),
                Timestamps.parse(item.get(FileItems.CREATED_AT).s())));
    }

    @Override
    public Optional<FileRecord> find(UserId userId, FileId fileId) {
        Map<String, AttributeValue> item = getItem(FileItems.key(userId, fileId));
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(FileItems.fromItem(item));
    }

    private Map<String, AttributeValue> getItem(Map<String, AttributeValue> key) {
        try {
            return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key)).item();
        } catch (SdkException e) {
            throw unavailable("GetItem", e);
        }
    }

    @Override
    public Page<FileRecord> list(UserId userId, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        String pk = KeyScheme.partitionKey(userId);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(pk));
        values.put(":prefix", s(KeyScheme.FILE_PREFIX));
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of(KeyScheme.PK, s(pk), KeyScheme.SK, s(KeyScheme.fileSortKey(decodeCursor(cursor))));
        // one extra item tells whether a next page exists, so the last page never carries a cursor
        QueryResponse response;
        try {
            response = dynamo.query(r -> r.tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", KeyScheme.PK, "#sk", KeyScheme.SK))
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .limit(limit + 1)
                    .exclusiveStartKey(start));
        } catch (SdkException e) {
            throw unavailable("Query", e);
        }
        List<FileRecord> records = response.items().stream().map(FileItems::fromItem).toList();
        if (records.size() <= limit) {
            return new Page<>(records, null);
        }
        List<FileRecord> page = records.subList(0, limit);
        return new Page<>(page, encodeCursor(page.get(limit - 1).fileId()));
    }

    private static String encodeCursor(FileId last) {
        return CURSOR_ENCODER.encodeToString(last.value().getBytes(StandardCharsets.US_ASCII));
    }

    private static FileId decodeCursor(String cursor) {
        try {
            return FileId.parse(new String(CURSOR_DECODER.decode(cursor), StandardCharsets.US_ASCII))
                    .orElseThrow(InvalidCursor::new);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
    }

    @Override
    public FileRecord transition(StatusTransition t) {
        Map<String, String> names = new HashMap<>(Map.of("#status", FileItems.STATUS, "#updatedAt", FileItems.UPDATED_AT,
                "#sweep", FileTable.SWEEP_STATUS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":from", s(t.from().name()), ":to", s(t.to().name()), ":at", s(Timestamps.format(t.at()))));
        StringBuilder update = new StringBuilder("SET #status = :to, #updatedAt = :at");
        if (!t.to().isTerminal()) {
            values.put(":sweepKey", s(shards.key(t.to(), t.fileId())));
            update.append(", #sweep = :sweepKey");
        }
        StringBuilder condition = new StringBuilder("#status = :from");
        if (t.attempt() != null) {
            names.put("#attempts", FileItems.ATTEMPTS);
            values.put(":attempt", n(t.attempt()));
            condition.append(" AND #attempts = :attempt");
        }
        if (t.result() != null) {
            names.put("#result", FileItems.RESULT);
            values.put(":result", FileItems.result(t.result()));
            update.append(", #result = :result");
        }
        if (t.error() != null) {
            names.put("#error", FileItems.ERROR);
            values.put(":error", FileItems.error(t.error()));
            update.append(", #error = :error");
        }
        if (t.to().isTerminal()) {
            update.append(" REMOVE #sweep");
        }
        try {
            return FileItems.fromItem(dynamo.updateItem(r -> r.tableName(table)
                    .key(FileItems.key(t.userId(), t.fileId()))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_exists(#status) AND " + condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes());
        } catch (ConditionalCheckFailedException e) {
            FileRecord current = currentAfterFailedCondition(e, t.userId(), t.fileId()).orElse(null);
            throw new StaleTransition("expected " + t.from() + " but found "
                    + (current == null ? "no item" : current.status()), current);
        } catch (SdkException e) {
            throw unavailable("UpdateItem", e);
        }
    }

    @Override
    public ClaimOutcome claim(UserId userId, FileId fileId, Instant now, Instant leaseExpiredBefore) {
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table)
                    .key(FileItems.key(userId, fileId))
                    .updateExpression("SET #status = :processing, #sweep = :sweepKey, #updatedAt = :now ADD #attempts :one")
                    .conditionExpression("#status = :pending OR (#status = :processing AND #updatedAt < :cutoff)")
                    .expressionAttributeNames(Map.of("#status", FileItems.STATUS, "#updatedAt", FileItems.UPDATED_AT,
                            "#attempts", FileItems.ATTEMPTS, "#sweep", FileTable.SWEEP_STATUS))
                    .expressionAttributeValues(Map.of(
                            ":processing", s(FileStatus.PROCESSING.name()),
                            ":sweepKey", s(shards.key(FileStatus.PROCESSING, fileId)),
                            ":pending", s(FileStatus.PENDING.name()),
                            ":now", s(Timestamps.format(now)),
                            ":cutoff", s(Timestamps.format(leaseExpiredBefore)),
                            ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new ClaimOutcome.Claimed(FileItems.fromItem(updated));
        } catch (ConditionalCheckFailedException e) {
            return currentAfterFailedCondition(e, userId, fileId)
                    .<ClaimOutcome>map(ClaimOutcome.NotClaimable::new)
                    .orElseGet(ClaimOutcome.Missing::new);
        } catch (SdkException e) {
            throw unavailable("UpdateItem", e);
        }
    }

    private Optional<FileRecord> currentAfterFailedCondition(ConditionalCheckFailedException e, UserId userId, FileId fileId) {
        if (e.hasItem() && !e.item().isEmpty()) {
            return Optional.of(FileItems.fromItem(e.item()));
        }
        // the condition also fails on a missing item; backends that do not return ALL_OLD need a read
        return find(userId, fileId);
    }

    /**
     * Queries every key of {@code status} in the sweep index (one per shard, and the key of tables
     * written before sharding) for up to {@code max} files each, then keeps the oldest {@code max}:
     * oldest first across all shards, as the port promises.
     */
    @Override
    public List<UnfinishedFile> unfinished(FileStatus status, Instant updatedBefore, int max) {
        if (status.isTerminal()) {
            throw new IllegalArgumentException(status + " files are finished");
        }
        List<UnfinishedFile> found = new ArrayList<>();
        for (String key : shards.keys(status)) {
            found.addAll(unfinished(key, status, updatedBefore, max));
        }
        found.sort(Comparator.comparing(UnfinishedFile::updatedAt));
        return found.size() <= max ? found : List.copyOf(found.subList(0, max));
    }

    private List<UnfinishedFile> unfinished(String key, FileStatus status, Instant updatedBefore, int max) {
        List<UnfinishedFile> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            int limit = Math.min(max - found.size(), 1000);
            QueryResponse page;
            try {
                page = dynamo.query(r -> r.tableName(table).indexName(FileTable.SWEEP_INDEX)
                        .keyConditionExpression("#sweep = :key AND #updatedAt < :before")
                        .expressionAttributeNames(Map.of("#sweep", FileTable.SWEEP_STATUS, "#updatedAt", FileTable.SWEEP_SORT))
                        .expressionAttributeValues(Map.of(":key", s(key),
                                ":before", s(Timestamps.format(updatedBefore))))
                        .limit(limit)
                        .exclusiveStartKey(from));
            } catch (SdkException e) {
                throw unavailable("Query on the sweep index", e);
            }
            for (Map<String, AttributeValue> item : page.items()) {
                found.add(new UnfinishedFile(KeyScheme.userOf(item.get(KeyScheme.PK).s()),
                        KeyScheme.fileOf(item.get(KeyScheme.SK).s()), status,
                        Timestamps.parse(item.get(FileTable.SWEEP_SORT).s())));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() < max);
        return found;
    }

    @Override
    public Optional<FileRecord> delete(UserId userId, FileId fileId) {
        return deleteItem(FileItems.key(userId, fileId)).map(FileItems::fromItem);
    }

    /** Deletes the item with {@code key} and returns what it was, if there was one. */
    private Optional<Map<String, AttributeValue>> deleteItem(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> old;
        try {
            old = dynamo.deleteItem(r -> r.tableName(table).key(key).returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (SdkException e) {
            throw unavailable("DeleteItem", e);
        }
        return old == null || old.isEmpty() ? Optional.empty() : Optional.of(old);
    }

    @Override
    public ScanPosition orphanScanPosition() {
        Map<String, AttributeValue> item = getItem(ORPHAN_SCAN_KEY);
        if (item == null || item.isEmpty()) {
            return ScanPosition.START;
        }
        AttributeValue after = item.get(FileItems.SCAN_AFTER_KEY);
        return new ScanPosition(after == null ? null : after.s(), Long.parseLong(item.get(FileItems.SCAN_REVISION).n()));
    }

    @Override
    public boolean moveOrphanScan(ScanPosition from, String afterKey) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":next", n(from.revision() + 1)));
        if (afterKey != null) {
            values.put(":after", s(afterKey));
        }
        if (from.revision() > 0) {
            values.put(":from", n(from.revision()));
        }
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(ORPHAN_SCAN_KEY)
                    .updateExpression(afterKey == null ? "SET #revision = :next REMOVE #after"
                            : "SET #revision = :next, #after = :after")
                    // the revision read is still the stored one (no item yet: none was)
                    .conditionExpression(from.revision() == 0 ? "attribute_not_exists(#revision)" : "#revision = :from")
                    .expressionAttributeNames(Map.of("#revision", FileItems.SCAN_REVISION, "#after", FileItems.SCAN_AFTER_KEY))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw unavailable("UpdateItem", e);
        }
    }

    @Override
    public void createUpload(UploadSession session, int maxOpen, Instant now) {
        if (openUploads(session.userId(), now) >= maxOpen) {
            throw new TooManyUploads(maxOpen);
        }
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(UploadItems.toItem(session))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", KeyScheme.PK)));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("upload " + session.uploadId() + " already exists");
        } catch (SdkException e) {
            throw unavailable("PutItem", e);
        }
    }

    private int openUploads(UserId userId, Instant now) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page;
            try {
                page = dynamo.query(r -> r.tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .filterExpression("#status = :open AND #expires > :now")
                        .expressionAttributeNames(Map.of("#pk", KeyScheme.PK, "#sk", KeyScheme.SK,
                                "#status", FileItems.STATUS, "#expires", UploadItems.UPLOAD_EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":pk", s(KeyScheme.partitionKey(userId)),
                                ":prefix", s(KeyScheme.UPLOAD_SESSION_PREFIX),
                                ":open", s(UploadSession.Status.OPEN.name()), ":now", s(Timestamps.format(now))))
                        .select(Select.COUNT)
                        .consistentRead(true)
                        .exclusiveStartKey(from));
            } catch (SdkException e) {
                throw unavailable("Query", e);
            }
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @Override
    public Optional<UploadSession> findUpload(UserId userId, String uploadId) {
        Map<String, AttributeValue> item = getItem(UploadItems.key(userId, uploadId));
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(UploadItems.fromItem(item));
    }

    /**
     * A conditional PutItem of the completed session rather than an UpdateItem: uploads need no
     * UpdateItem from the API's role (it has one only for revoking share links).
     */
    @Override
    public Optional<UploadSession> completeUpload(UserId userId, String uploadId) {
        Optional<UploadSession> current = findUpload(userId, uploadId);
        if (current.isEmpty() || current.get().status() == UploadSession.Status.COMPLETED) {
            return current;
        }
        UploadSession completed = current.get().withStatus(UploadSession.Status.COMPLETED);
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(UploadItems.toItem(completed))
                    .conditionExpression("#status = :open")
                    .expressionAttributeNames(Map.of("#status", FileItems.STATUS))
                    .expressionAttributeValues(Map.of(":open", s(UploadSession.Status.OPEN.name()))));
            return Optional.of(completed);
        } catch (ConditionalCheckFailedException e) {
            // completed meanwhile, or deleted: what is stored now is the answer
            return findUpload(userId, uploadId);
        } catch (SdkException e) {
            throw unavailable("PutItem", e);
        }
    }

    @Override
    public Optional<UploadSession> deleteUpload(UserId userId, String uploadId) {
        return deleteItem(UploadItems.key(userId, uploadId)).map(UploadItems::fromItem);
    }

    @Override
    public List<UploadSession> expiredUploads(Instant now, int max) {
        List<UploadSession> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            int limit = Math.min(max - found.size(), 1000);
            QueryResponse page;
            try {
                page = dynamo.query(r -> r.tableName(table).indexName(FileTable.SWEEP_INDEX)
                        .keyConditionExpression("#sweep = :uploads AND #expires < :now")
                        .expressionAttributeNames(Map.of("#sweep", FileTable.SWEEP_STATUS, "#expires", FileTable.SWEEP_SORT))
                        .expressionAttributeValues(Map.of(":uploads", s(FileTable.SWEEP_OPEN_UPLOADS),
                                ":now", s(Timestamps.format(now))))
                        .limit(limit)
                        .exclusiveStartKey(from));
            } catch (SdkException e) {
                throw unavailable("Query on the sweep index", e);
            }
            for (Map<String, AttributeValue> keys : page.items()) {
                // the index holds keys only; the item may have gone since
                Map<String, AttributeValue> item = getItem(Map.of(KeyScheme.PK, keys.get(KeyScheme.PK),
                        KeyScheme.SK, keys.get(KeyScheme.SK)));
                if (item != null && !item.isEmpty()) {
                    UploadSession session = UploadItems.fromItem(item);
                    if (session.status() == UploadSession.Status.OPEN) {
                        found.add(session);
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() < max);
        return found;
    }

    @Override
    public void createShare(ShareLink link) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                            .key(FileItems.key(link.owner(), link.fileId()))
                            .conditionExpression("#status = :processed")
                            .expressionAttributeNames(Map.of("#status", FileItems.STATUS))
                            .expressionAttributeValues(Map.of(":processed", s(FileStatus.PROCESSED.name())))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(ShareItems.resolveItem(link))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", KeyScheme.PK))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(ShareItems.entryItem(link))).build()));
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, 0)) {
                throw new FileNotShareable("file " + link.fileId() + " is missing or not PROCESSED");
            }
            // a taken id hash (128 random bits) does not happen; whatever else failed is the backend's
            throw unavailable("TransactWriteItems", e);
        } catch (SdkException e) {
            throw unavailable("TransactWriteItems", e);
        }
    }

    @Override
    public Optional<ShareLink> findShare(String idHash) {
        Map<String, AttributeValue> item = getItem(ShareItems.resolveKey(idHash));
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ShareItems.fromItem(item));
    }

    @Override
    public List<ShareLink> shares(UserId owner) {
        return sharesWithPrefix(owner, KeyScheme.SHARE_PREFIX);
    }

    @Override
    public List<ShareLink> shares(UserId owner, FileId fileId) {
        return sharesWithPrefix(owner, KeyScheme.shareSortKey(fileId, ""));
    }

    private List<ShareLink> sharesWithPrefix(UserId owner, String prefix) {
        List<ShareLink> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page;
            try {
                page = dynamo.query(r -> r.tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", KeyScheme.PK, "#sk", KeyScheme.SK))
                        .expressionAttributeValues(Map.of(":pk", s(KeyScheme.partitionKey(owner)), ":prefix", s(prefix)))
                        .consistentRead(true)
                        .exclusiveStartKey(from));
            } catch (SdkException e) {
                throw unavailable("Query", e);
            }
            page.items().stream().map(ShareItems::fromItem).forEach(found::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    @Override
    public boolean revokeShare(UserId owner, FileId fileId, String idHash, Instant at) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    revocation(ShareItems.entryKey(owner, fileId, idHash), at),
                    revocation(ShareItems.resolveKey(idHash), at)));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(reason -> CONDITIONAL_CHECK_FAILED.equals(reason.code()))) {
                return false;
            }
            throw unavailable("TransactWriteItems", e);
        } catch (SdkException e) {
            throw unavailable("TransactWriteItems", e);
        }
    }

    private TransactWriteItem revocation(Map<String, AttributeValue> key, Instant at) {
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(key)
                .updateExpression("SET #revoked = if_not_exists(#revoked, :at)")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#revoked", ShareItems.REVOKED_AT, "#pk", KeyScheme.PK))
                .expressionAttributeValues(Map.of(":at", s(Timestamps.format(at))))).build();
    }

    @Override
    public int deleteShares(UserId owner, FileId fileId) {
        List<ShareLink> links = shares(owner, fileId);
        for (ShareLink link : links) {
            // the resolving item first: once it is gone the link is dead, whatever happens to the entry
            deleteItem(ShareItems.resolveKey(link.idHash()));
            deleteItem(ShareItems.entryKey(owner, fileId, link.idHash()));
        }
        return links.size();
    }

    /** Whether the transaction was cancelled because the condition of its {@code item}-th write failed. */
    private static boolean conditionFailed(TransactionCanceledException e, int item) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons.size() > item && CONDITIONAL_CHECK_FAILED.equals(reasons.get(item).code());
    }

    private StorageUnavailable unavailable(String operation, SdkException failure) {
        return TransientErrors.storageUnavailable("DynamoDB " + operation + " on " + table, failure);
    }
}
