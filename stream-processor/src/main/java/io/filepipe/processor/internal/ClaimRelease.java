package io.filepipe.processor.internal;

import io.filepipe.core.FileId;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Hands a claim back after a transient failure: {@code PROCESSING -> PENDING}, only while the item
 * is still held by the same attempt. Without it a retry that arrives within the lease would find
 * the file busy and skip it, leaving it stuck until the lease expired and something re-drove it.
 *
 * <p>Core's {@code FileStatus} and {@code FileStore} do not know this transition yet; this is a
 * direct conditional UpdateItem on the item attributes core writes.
 */
public final class ClaimRelease {

    private static final String STATUS = "status";
    private static final String ATTEMPTS = "attempts";
    private static final String UPDATED_AT = "updatedAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public ClaimRelease(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Moves the file back to PENDING if {@code attempt} still holds it. Returns false when it does
     * not (finished, re-claimed or deleted meanwhile), in which case nothing changed.
     */
    public boolean release(UserId userId, FileId fileId, int attempt, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(
                            KeyScheme.PK, AttributeValue.fromS(KeyScheme.partitionKey(userId)),
                            KeyScheme.SK, AttributeValue.fromS(KeyScheme.fileSortKey(fileId))))
                    .updateExpression("SET #status = :pending, #updatedAt = :now")
                    .conditionExpression("#status = :processing AND #attempts = :attempt")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#attempts", ATTEMPTS, "#updatedAt", UPDATED_AT))
                    .expressionAttributeValues(Map.of(
                            ":pending", AttributeValue.fromS(FileStatus.PENDING.name()),
                            ":processing", AttributeValue.fromS(FileStatus.PROCESSING.name()),
                            ":attempt", AttributeValue.fromN(Integer.toString(attempt)),
                            ":now", AttributeValue.fromS(Timestamps.format(now)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
