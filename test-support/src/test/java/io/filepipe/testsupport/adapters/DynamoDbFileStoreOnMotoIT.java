package io.filepipe.testsupport.adapters;

import io.filepipe.testsupport.RequiresMoto;

/** {@link DynamoDbFileStoreIT} on moto. */
@RequiresMoto
class DynamoDbFileStoreOnMotoIT extends DynamoDbFileStoreIT {

    DynamoDbFileStoreOnMotoIT() {
        super(Backend.MOTO);
    }
}
