package gov.hotline.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A service under test on its own real Kafka broker and Mongo wire server ({@link
 * EmbeddedInfrastructure}), started for the test class and pointed at by the Spring context.
 *
 * <p>Put it <em>before</em> {@code @SpringBootTest}: JUnit registers extensions in the order the
 * annotations stand and runs their after-all callbacks in reverse, so the broker and the server
 * start before Spring and stop only after {@link DirtiesContext} has closed the service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedInfrastructure.class)
@ContextCustomizerFactories(EmbeddedInfrastructure.ConnectionProperties.class)
@DirtiesContext
public @interface OnEmbeddedInfrastructure {}
