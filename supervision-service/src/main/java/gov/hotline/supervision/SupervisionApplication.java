package gov.hotline.supervision;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Reviews results ({@code Audited}), calls callers back ({@code Revisited}) and keeps every order's
 * full timeline for auditors.
 */
@SpringBootApplication
public class SupervisionApplication {
  public static void main(String[] args) {
    builder().run(args);
  }

  /**
   * The application as configured from {@code supervision-service.properties}: each service names
   * its own configuration, so all four can share one classpath (the end-to-end tests host them in
   * one JVM).
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(SupervisionApplication.class)
        .properties("spring.config.name=supervision-service");
  }
}
