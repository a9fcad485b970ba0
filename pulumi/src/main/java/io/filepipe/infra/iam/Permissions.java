package io.filepipe.infra.iam;

import io.filepipe.core.KeyScheme;
import io.filepipe.core.store.FileTable;
import java.util.List;

/**
 * What each principal may do, and nothing more: one policy per role, built from the ARNs of the
 * resources it works on. The action lists follow the calls the code makes (core's
 * {@code S3BlobStore} and {@code DynamoDbFileStore}, the workflow definition, the pipe).
 */
public final class Permissions {

    private static final String DERIVED_OBJECTS = KeyScheme.DERIVED_PREFIX + "*";
    private static final String UPLOADED_OBJECTS = KeyScheme.UPLOADS_PREFIX + "*";
    private static final List<String> SHARE_AND_USER_PARTITIONS =
            List.of(KeyScheme.SHARE_PREFIX + "*", KeyScheme.USER_PREFIX + "*");

    private Permissions() {
    }

    /**
     * The upload API: stores uploads, signs download URLs for them and upload URLs for large files
     * (a presigned request carries the signer's rights: s3:PutObject covers PutObject and the
     * multipart calls CreateMultipartUpload, UploadPart and CompleteMultipartUpload), lists the
     * parts of and aborts those multipart uploads, lists and deletes a file's derived objects, and
     * reads and writes items. TransactWriteItems (idempotent uploads, share links) is authorized per
     * item action: PutItem, and for share links ConditionCheckItem (the file is PROCESSED) and
     * UpdateItem (revocation), both only on share items and users' partitions, never the
     * reconciler's; UpdateItem only of the keys and the revocation time, so the API changes no
     * file's status. An upload session is completed with a conditional PutItem, not UpdateItem.
     */
    public static PolicyDocument uploadApi(String bucketArn, String tableArn, String logGroupArn) {
        return PolicyDocument.of(
                Statement.allow("WriteAndReadUploads", List.of("s3:PutObject", "s3:GetObject"),
                        objects(bucketArn, UPLOADED_OBJECTS)),
                Statement.allow("ResumeAndAbortLargeUploads",
                        List.of("s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"),
                        objects(bucketArn, UPLOADED_OBJECTS)),
                Statement.allow("DeleteUploadsAndDerived", List.of("s3:DeleteObject"),
                        objects(bucketArn, UPLOADED_OBJECTS), objects(bucketArn, DERIVED_OBJECTS)),
                listDerived(bucketArn),
                Statement.allow("FileItems",
                        List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:DeleteItem"), tableArn),
                Statement.allow("CheckFileOfShareLink", List.of("dynamodb:ConditionCheckItem"), tableArn)
                        .when("ForAllValues:StringLike", "dynamodb:LeadingKeys", SHARE_AND_USER_PARTITIONS),
                Statement.allow("RevokeShareLinks", List.of("dynamodb:UpdateItem"), tableArn)
                        .when("ForAllValues:StringLike", "dynamodb:LeadingKeys", SHARE_AND_USER_PARTITIONS)
                        .when("ForAllValues:StringEquals", "dynamodb:Attributes",
                                List.of(KeyScheme.PK, KeyScheme.SK, FileTable.SHARE_REVOKED_AT)),
                writeLogs(logGroupArn),
                tracing());
    }

    /**
     * The processor: reads an upload, writes its thumbnails, removes them again when the file was
     * deleted meanwhile, and moves the item through its statuses (UpdateItem, with GetItem after a
     * failed condition).
     */
    public static PolicyDocument processor(String bucketArn, String tableArn, String logGroupArn) {
        return PolicyDocument.of(
                Statement.allow("ReadUploads", List.of("s3:GetObject"), objects(bucketArn, UPLOADED_OBJECTS)),
                Statement.allow("WriteDerived", List.of("s3:PutObject", "s3:DeleteObject"),
                        objects(bucketArn, DERIVED_OBJECTS)),
                listDerived(bucketArn),
                Statement.allow("FileStatus", List.of("dynamodb:UpdateItem", "dynamodb:GetItem"), tableArn),
                writeLogs(logGroupArn),
                tracing());
    }

    /**
     * The reconciler: finds unfinished files through the table's sweep index and re-drives them
     * with StartExecution; lists uploads and deletes those whose item (read with GetItem) never came,
     * keeping where that scan goes on in its own item (GetItem, and UpdateItem only on items of the
     * {@value KeyScheme#RECONCILER_PARTITION} partition); finds upload sessions past their expiry
     * through the same index, aborts their multipart uploads, deletes what they left and their items.
     */
    public static PolicyDocument reconciler(String bucketArn, String tableArn, String stateMachineArn,
                                            String logGroupArn) {
        return PolicyDocument.of(
                Statement.allow("FindUnfinishedFiles", List.of("dynamodb:Query"),
                        tableArn + "/index/" + FileTable.SWEEP_INDEX),
                Statement.allow("FindItemOfUploadAndScanPosition", List.of("dynamodb:GetItem"), tableArn),
                Statement.allow("MoveOrphanScan", List.of("dynamodb:UpdateItem"), tableArn)
                        .when("ForAllValues:StringEquals", "dynamodb:LeadingKeys",
                                List.of(KeyScheme.RECONCILER_PARTITION)),
                Statement.allow("ListUploads", List.of("s3:ListBucket"), bucketArn)
                        .when("StringLike", "s3:prefix", List.of(UPLOADED_OBJECTS)),
                Statement.allow("DeleteOrphanedUploads", List.of("s3:DeleteObject", "s3:AbortMultipartUpload"),
                        objects(bucketArn, UPLOADED_OBJECTS)),
                Statement.allow("RemoveExpiredUploadSessions", List.of("dynamodb:DeleteItem"), tableArn),
                Statement.allow("RedriveFiles", List.of("states:StartExecution"), stateMachineArn),
                writeLogs(logGroupArn),
                tracing());
    }

    /**
     * The state machine: its two Task resources ({@code lambda:invoke} of the processor,
     * {@code dynamodb:updateItem} on the table), vended-log delivery for its execution logs, tracing.
     */
    public static PolicyDocument workflow(String processorArn, String tableArn) {
        return PolicyDocument.of(
                Statement.allow("InvokeProcessor", List.of("lambda:InvokeFunction"), processorArn),
                Statement.allow("MarkFailed", List.of("dynamodb:UpdateItem"), tableArn),
                Statement.allow("DeliverExecutionLogs", List.of(
                        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                        "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                        "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"), Statement.ANY_RESOURCE),
                Statement.allow("Tracing", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
                        "xray:GetSamplingRules", "xray:GetSamplingTargets"), Statement.ANY_RESOURCE));
    }

    /**
     * The pipe: reads the table's stream, starts synchronous executions of the state machine
     * (invocation type REQUEST_RESPONSE), dead-letters failed batches and writes its own logs.
     */
    public static PolicyDocument pipe(String streamArn, String stateMachineArn, String deadLetterQueueArn,
                                      String logGroupArn) {
        return PolicyDocument.of(
                Statement.allow("ReadStream",
                        List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"), streamArn),
                Statement.allow("ListStreams", List.of("dynamodb:ListStreams"), Statement.ANY_RESOURCE),
                Statement.allow("StartWorkflow", List.of("states:StartSyncExecution"), stateMachineArn),
                Statement.allow("DeadLetter", List.of("sqs:SendMessage"), deadLetterQueueArn),
                writeLogs(logGroupArn));
    }

    /**
     * The events pipe: reads the table's stream, puts events on the stack's bus only, dead-letters
     * failed batches and writes its own logs.
     */
    public static PolicyDocument eventsPipe(String streamArn, String eventBusArn, String deadLetterQueueArn,
                                            String logGroupArn) {
        return PolicyDocument.of(
                Statement.allow("ReadStream",
                        List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"), streamArn),
                Statement.allow("ListStreams", List.of("dynamodb:ListStreams"), Statement.ANY_RESOURCE),
                Statement.allow("PutEvents", List.of("events:PutEvents"), eventBusArn),
                Statement.allow("DeadLetter", List.of("sqs:SendMessage"), deadLetterQueueArn),
                writeLogs(logGroupArn));
    }

    private static String objects(String bucketArn, String keys) {
        return bucketArn + "/" + keys;
    }

    /** Listing is needed to delete a file's derived objects; the prefix condition keeps uploads unlisted. */
    private static Statement listDerived(String bucketArn) {
        return Statement.allow("ListDerived", List.of("s3:ListBucket"), bucketArn)
                .when("StringLike", "s3:prefix", List.of(DERIVED_OBJECTS));
    }

    /** Log groups are created by the program with their retention, so only streams and events are written. */
    private static Statement writeLogs(String logGroupArn) {
        return Statement.allow("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroupArn + ":*");
    }

    private static Statement tracing() {
        return Statement.allow("Tracing", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                Statement.ANY_RESOURCE);
    }
}
