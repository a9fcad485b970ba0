package io.filepipe.testsupport.adapters;

/** {@link S3BlobStoreIT} on the configured endpoint (e.g. LocalStack). */
@RequiresEndpoint
class S3BlobStoreOnEndpointIT extends S3BlobStoreIT {

    S3BlobStoreOnEndpointIT() {
        super(Backend.ENDPOINT);
    }
}
