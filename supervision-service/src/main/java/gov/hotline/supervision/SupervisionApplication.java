package gov.hotline.supervision;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Reviews results ({@code Audited}), calls callers back ({@code Revisited}) and keeps every order's
 * full timeline for auditors.
 */
@SpringBootApplication
public class SupervisionApplication {
  public static void main(String[] args) {
    SpringApplication.run(SupervisionApplication.class, args);
  }
}
