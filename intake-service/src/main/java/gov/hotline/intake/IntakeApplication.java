package gov.hotline.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Takes demands from every channel and opens work orders ({@code Received}). */
@SpringBootApplication
public class IntakeApplication {
  public static void main(String[] args) {
    builder().run(args);
  }

  /**
   * The application as configured from {@code intake-service.properties}: each service names its
   * own configuration, so all four can share one classpath (the end-to-end tests host them in one
   * JVM).
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(IntakeApplication.class)
        .properties("spring.config.name=intake-service");
  }
}
