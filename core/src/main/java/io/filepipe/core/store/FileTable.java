package io.filepipe.core.store;

import io.filepipe.core.KeyScheme;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The table schema, defined once: string {@code PK}/{@code SK}, on-demand billing, a stream of new
 * images (what the pipe filters and forwards), TTL on {@code expiresAt} for idempotency records, upload sessions and share links,
 * and the sparse {@link #SWEEP_INDEX} of unfinished files. Pulumi reads these constants; local and test stacks call {@link #createIfMissing}.
 */
public final class FileTable {

    public static final StreamViewType STREAM_VIEW_TYPE = StreamViewType.NEW_IMAGE;
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /**
     * A sparse index of the files that are not finished: only PENDING and PROCESSING items carry
     * {@link #SWEEP_STATUS}, so the reconciler finds stuck files without scanning the table. Its
     * value is {@code <status>#<shard>} ({@link SweepShards}), so no one key takes every file's writes.
     */
    public static final String SWEEP_INDEX = "sweep";
    public static final String SWEEP_STATUS = "sweepStatus";
    public static final String SWEEP_SORT = "updatedAt";
    /**
     * The sweep index's partition of OPEN upload sessions; their {@link #SWEEP_SORT} is their
     * expiry, so the reconciler finds the expired ones with the same index.
     */
    public static final String SWEEP_OPEN_UPLOADS = "UPLOAD_OPEN";
    /**
     * A share link's revocation time: the one attribute besides the keys that the API's role may
     * UpdateItem, so the API can revoke links but change no file's status.
     */
    public static final String SHARE_REVOKED_AT = "revokedAt";

    private FileTable() {
    }

    /** The CreateTable request for a table called {@code tableName}. */
    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(KeyScheme.PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(KeyScheme.SK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SWEEP_STATUS).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SWEEP_SORT).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(KeyScheme.PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(KeyScheme.SK).keyType(KeyType.RANGE).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(SWEEP_INDEX)
                        .keySchema(
                                KeySchemaElement.builder().attributeName(SWEEP_STATUS).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(SWEEP_SORT).keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(STREAM_VIEW_TYPE).build())
                .build();
    }

    /**
     * Creates the table (with its stream and TTL) unless it exists, waits until it is active and
     * returns its description. For local and development stacks; on AWS Pulumi owns the table.
     */
    public static TableDescription createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            return dynamo.describeTable(r -> r.tableName(tableName)).table();
        } catch (ResourceNotFoundException missing) {
            try {
                dynamo.createTable(createRequest(tableName));
            } catch (ResourceInUseException raced) {
                // created meanwhile by another process: fall through to the wait
            }
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(tableName));
            dynamo.updateTimeToLive(r -> r.tableName(tableName)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName(TTL_ATTRIBUTE)));
            return dynamo.describeTable(r -> r.tableName(tableName)).table();
        }
    }
}
