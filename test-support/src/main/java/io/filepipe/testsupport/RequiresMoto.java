package io.filepipe.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A test class that runs against moto: where moto is not installed, every test of the class is
 * reported skipped (Surefire and Failsafe count each one), never silently left out; under
 * {@code CI=true} the class fails instead ({@link io.filepipe.testsupport.MotoServer#usableForTests()}
 * throws). A condition, not an assumption in {@code @BeforeAll}: Surefire reports a class aborted
 * there as 0 tests run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EnabledIf(value = "io.filepipe.testsupport.MotoServer#usableForTests", disabledReason = "moto is not installed")
public @interface RequiresMoto {
}
