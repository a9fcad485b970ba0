package io.filepipe.testsupport.adapters;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A test class on {@link Backend#ENDPOINT}: where no endpoint is configured, each of its tests is
 * reported skipped.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EnabledIf(value = "io.filepipe.testsupport.adapters.Backend#endpointConfigured",
        disabledReason = "no endpoint in " + Backend.ENDPOINT_PROPERTY + " or " + Backend.ENDPOINT_VARIABLE)
@interface RequiresEndpoint {
}
