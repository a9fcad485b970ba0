package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Task state's {@code Resource} ARN does locally: takes the resolved parameters, returns the
 * result AWS's integration would return, or throws {@link StateFailure} with the error name AWS
 * would report.
 */
@FunctionalInterface
public interface TaskResource {
    JsonNode invoke(JsonNode parameters);
}
