package gov.hotline.platform.runtime;

import java.io.IOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code hotline-platform-defaults.properties} as the lowest-precedence source, so the four
 * services share one set of defaults (Axon without Axon Server, Jackson, actuator, Kafka and Mongo
 * addresses from HOTLINE_* variables) and each overrides only what is its own.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {
  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    try {
      new PropertiesPropertySourceLoader()
          .load(
              "hotline-platform-defaults",
              new ClassPathResource("hotline-platform-defaults.properties"))
          .forEach(source -> environment.getPropertySources().addLast(source));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read hotline-platform-defaults.properties", e);
    }
  }
}
