package gov.hotline.dispatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Routes orders to handling units ({@code Dispatched}) and takes their results ({@code Handled}).
 */
@SpringBootApplication
public class DispatchApplication {
  public static void main(String[] args) {
    SpringApplication.run(DispatchApplication.class, args);
  }
}
