package io.filepipe.testsupport.adapters;

import io.filepipe.testsupport.RequiresMoto;

/** {@link S3BlobStoreIT} on moto. */
@RequiresMoto
class S3BlobStoreOnMotoIT extends S3BlobStoreIT {

    S3BlobStoreOnMotoIT() {
        super(Backend.MOTO);
    }
}
