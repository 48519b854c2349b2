package io.beacon.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared local infrastructure once per test JVM and points Spring at it through system properties,
 * before any Spring context of the test class starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WithLocalInfrastructure.Extension.class)
public @interface WithLocalInfrastructure {

    class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            LocalInfrastructure.shared().springProperties().forEach(System::setProperty);
        }
    }
}
