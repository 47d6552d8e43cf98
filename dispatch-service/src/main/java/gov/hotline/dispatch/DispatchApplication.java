package gov.hotline.dispatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Routes orders to handling units ({@code Dispatched}) and takes their results ({@code Handled}).
 */
@SpringBootApplication
public class DispatchApplication {
  public static void main(String[] args) {
    builder().run(args);
  }

  /**
   * The application as configured from {@code dispatch-service.properties}: each service names its
   * own configuration, so all four can share one classpath (the end-to-end tests host them in one
   * JVM).
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(DispatchApplication.class)
        .properties("spring.config.name=dispatch-service");
  }
}
