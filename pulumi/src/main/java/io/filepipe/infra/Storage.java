package io.filepipe.infra;

import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.dynamodb.TableArgs;
import com.pulumi.aws.dynamodb.inputs.TableAttributeArgs;
import com.pulumi.aws.dynamodb.inputs.TableGlobalSecondaryIndexArgs;
import com.pulumi.aws.dynamodb.inputs.TablePointInTimeRecoveryArgs;
import com.pulumi.aws.dynamodb.inputs.TableServerSideEncryptionArgs;
import com.pulumi.aws.dynamodb.inputs.TableTtlArgs;
import com.pulumi.aws.s3.BucketCorsConfigurationV2;
import com.pulumi.aws.s3.BucketCorsConfigurationV2Args;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketCorsConfigurationV2CorsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.core.Output;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.store.FileTable;
import io.filepipe.infra.iam.ResourcePolicies;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * Where files and their items live: a private, TLS-only, versioned bucket (incomplete multipart
 * uploads aborted after a day; PUTs from the web app's origins when configured), and the table with
 * core's schema ({@link FileTable}: keys, indexes, stream, TTL), point-in-time recovery and encryption.
 */
public record Storage(BucketV2 bucket, Table table) {

    /** Overwritten or deleted uploads stay recoverable this long. */
    static final int UPLOAD_VERSIONS_DAYS = 30;
    /** Derived objects can be made again from their upload, so old versions go quickly. */
    static final int DERIVED_VERSIONS_DAYS = 1;
    /** How long a browser may reuse a preflight answer: one per upload of about an hour, not one per part. */
    static final int CORS_MAX_AGE_SECONDS = 3600;

    /** @param appOrigin the web app's origin (the API's), whose page sends large files straight to the bucket */
    public static Storage create(StackConfig config, Output<String> appOrigin) {
        return new Storage(bucket(config, appOrigin), table(config));
    }

    private static BucketV2 bucket(StackConfig config, Output<String> appOrigin) {
        String name = config.name("files");
        BucketV2 bucket = new BucketV2(name, BucketV2Args.builder()
                .forceDestroy(!config.protectData())
                .build());
        BucketPublicAccessBlock publicAccess = new BucketPublicAccessBlock(name, BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .ignorePublicAcls(true)
                .blockPublicPolicy(true)
                .restrictPublicBuckets(true)
                .build());
        // SSE-S3: encrypted at rest with no key policy to maintain, no KMS request charges, and
        // presigned downloads that need nothing beyond s3:GetObject
        new BucketServerSideEncryptionConfigurationV2(name, BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(
                                BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                        .sseAlgorithm("AES256")
                                        .build())
                        .build())
                .build());
        BucketVersioningV2 versioning = new BucketVersioningV2(name, BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build());
        new BucketLifecycleConfigurationV2(name, BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(versionsExpire("derived-versions", KeyScheme.DERIVED_PREFIX, DERIVED_VERSIONS_DAYS),
                        versionsExpire("upload-versions", KeyScheme.UPLOADS_PREFIX, UPLOAD_VERSIONS_DAYS))
                .build(), CustomResourceOptions.builder().dependsOn(versioning).build());
        new BucketCorsConfigurationV2(name, BucketCorsConfigurationV2Args.builder()
                .bucket(bucket.id())
                .corsRules(browserUploads(appOrigin.applyValue(origin -> {
                    List<String> origins = new ArrayList<>(List.of(origin));
                    origins.addAll(config.webOrigins());
                    return origins;
                })))
                .build());
        new BucketPolicy(name, BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(bucket.arn().applyValue(ResourcePolicies::denyInsecureTransport))
                // S3 refuses concurrent changes to a bucket's access settings
                .build(), CustomResourceOptions.builder().dependsOn(publicAccess).build());
        return bucket;
    }

    /**
     * Pages of the web app may PUT to presigned upload URLs and read the ETag of each part (which
     * completing a multipart upload needs); only PUT, only the headers the API names, only from
     * {@code origins}. The URL itself carries the authorization.
     */
    static BucketCorsConfigurationV2CorsRuleArgs browserUploads(Output<List<String>> origins) {
        return BucketCorsConfigurationV2CorsRuleArgs.builder()
                .id("browser-uploads")
                .allowedMethods("PUT")
                .allowedOrigins(origins)
                .allowedHeaders("Content-Type", "x-amz-checksum-sha256")
                .exposeHeaders("ETag")
                .maxAgeSeconds(CORS_MAX_AGE_SECONDS)
                .build();
    }

    /** Noncurrent versions under {@code prefix} expire after {@code days}; so do unfinished multipart uploads. */
    private static BucketLifecycleConfigurationV2RuleArgs versionsExpire(String id, String prefix, int days) {
        return BucketLifecycleConfigurationV2RuleArgs.builder()
                .id(id)
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix(prefix).build())
                .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                        .noncurrentDays(days)
                        .build())
                // a delete leaves a marker; once its versions have expired the marker goes too
                .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().expiredObjectDeleteMarker(true).build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                        .daysAfterInitiation(1)
                        .build())
                .build();
    }

    private static Table table(StackConfig config) {
        CreateTableRequest schema = FileTable.createRequest("schema");
        return new Table(config.name("files"), TableArgs.builder()
                .billingMode(schema.billingModeAsString())
                .attributes(schema.attributeDefinitions().stream()
                        .map(a -> TableAttributeArgs.builder().name(a.attributeName()).type(a.attributeTypeAsString()).build())
                        .toList())
                .hashKey(keyOfType(schema.keySchema(), KeyType.HASH))
                .rangeKey(keyOfType(schema.keySchema(), KeyType.RANGE))
                .globalSecondaryIndexes(schema.globalSecondaryIndexes().stream().map(Storage::index).toList())
                .streamEnabled(schema.streamSpecification().streamEnabled())
                .streamViewType(schema.streamSpecification().streamViewTypeAsString())
                .ttl(TableTtlArgs.builder().attributeName(FileTable.TTL_ATTRIBUTE).enabled(true).build())
                .pointInTimeRecovery(TablePointInTimeRecoveryArgs.builder().enabled(true).build())
                // the AWS managed key (aws/dynamodb): usable through DynamoDB by every principal the
                // table's own policies admit, so no role needs KMS permissions
                .serverSideEncryption(TableServerSideEncryptionArgs.builder().enabled(true).build())
                .deletionProtectionEnabled(config.protectData())
                .build());
    }

    private static TableGlobalSecondaryIndexArgs index(GlobalSecondaryIndex index) {
        var args = TableGlobalSecondaryIndexArgs.builder()
                .name(index.indexName())
                .hashKey(keyOfType(index.keySchema(), KeyType.HASH))
                .projectionType(index.projection().projectionTypeAsString());
        if (index.keySchema().stream().anyMatch(k -> k.keyType() == KeyType.RANGE)) {
            args.rangeKey(keyOfType(index.keySchema(), KeyType.RANGE));
        }
        if (index.projection().hasNonKeyAttributes()) {
            args.nonKeyAttributes(index.projection().nonKeyAttributes());
        }
        return args.build();
    }

    private static String keyOfType(List<KeySchemaElement> keys, KeyType type) {
        return keys.stream()
                .filter(k -> k.keyType() == type)
                .findFirst()
                .orElseThrow()
                .attributeName();
    }
}
