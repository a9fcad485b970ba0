package io.filepipe.testsupport.adapters;

/** {@link S3BlobStoreIT} on the S3 server (S3Proxy). */
class S3BlobStoreOnLocalIT extends S3BlobStoreIT {

    S3BlobStoreOnLocalIT() {
        super(Backend.LOCAL);
    }
}
