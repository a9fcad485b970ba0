package io.filepipe.testsupport.adapters;

/** {@link DynamoDbFileStoreIT} on DynamoDB Local. */
class DynamoDbFileStoreOnLocalIT extends DynamoDbFileStoreIT {

    DynamoDbFileStoreOnLocalIT() {
        super(Backend.LOCAL);
    }
}
