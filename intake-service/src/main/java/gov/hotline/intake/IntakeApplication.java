package gov.hotline.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Takes demands from every channel and opens work orders ({@code Received}). */
@SpringBootApplication
public class IntakeApplication {
  public static void main(String[] args) {
    SpringApplication.run(IntakeApplication.class, args);
  }
}
