package io.filepipe.testsupport.adapters;

/** {@link DynamoDbFileStoreIT} on the configured endpoint (e.g. LocalStack). */
@RequiresEndpoint
class DynamoDbFileStoreOnEndpointIT extends DynamoDbFileStoreIT {

    DynamoDbFileStoreOnEndpointIT() {
        super(Backend.ENDPOINT);
    }
}
