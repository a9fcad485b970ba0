package io.filepipe.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.StorageUnavailable;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class TransientErrorsTest {

    @Test
    void throttlingServerErrorsTimeoutsAndConnectionFailuresAreTransient() {
        assertTrue(TransientErrors.isTransient(ProvisionedThroughputExceededException.builder()
                .statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ProvisionedThroughputExceededException").build()).build()));
        assertTrue(TransientErrors.isTransient(DynamoDbException.builder().statusCode(503).build()));
        assertTrue(TransientErrors.isTransient(ApiCallTimeoutException.create(1000)));
        assertTrue(TransientErrors.isTransient(SdkClientException.create("unable to execute", new ConnectException("refused"))));
    }

    @Test
    void clientErrorsAndBugsAreNotTransient() {
        assertFalse(TransientErrors.isTransient(ConditionalCheckFailedException.builder().statusCode(400).build()));
        assertFalse(TransientErrors.isTransient(DynamoDbException.builder().statusCode(400).build()));
        assertFalse(TransientErrors.isTransient(new IllegalStateException("bug")));
    }

    @Test
    void translationKeepsTheCauseAndTellsWhetherToRetry() {
        DynamoDbException throttled = (DynamoDbException) DynamoDbException.builder().statusCode(503).build();
        ResourceNotFoundException noTable = ResourceNotFoundException.builder().statusCode(400).message("no table").build();

        StorageUnavailable retry = TransientErrors.storageUnavailable("DynamoDB GetItem", throttled);
        StorageUnavailable permanent = TransientErrors.storageUnavailable("DynamoDB GetItem", noTable);

        assertTrue(retry.isTransient());
        assertSame(throttled, retry.getCause());
        assertFalse(permanent.isTransient());
        assertTrue(permanent.getMessage().startsWith("DynamoDB GetItem failed"), permanent.getMessage());
    }

    @Test
    void aPartitionPastItsThroughputIsThrottlingAndAServerErrorIsNot() {
        ProvisionedThroughputExceededException hot = ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build();

        StorageUnavailable throttled = TransientErrors.storageUnavailable("DynamoDB PutItem", hot);
        StorageUnavailable down = TransientErrors.storageUnavailable("DynamoDB PutItem",
                (DynamoDbException) DynamoDbException.builder().statusCode(503).build());

        assertTrue(throttled.isThrottled());
        assertTrue(throttled.isTransient());
        assertFalse(down.isThrottled());
    }
}
