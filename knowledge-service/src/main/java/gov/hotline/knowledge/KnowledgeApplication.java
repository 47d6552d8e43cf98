package gov.hotline.knowledge;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The knowledge base (知识库): editors draft, publish and retire the articles operators answer from.
 */
@SpringBootApplication
public class KnowledgeApplication {
  public static void main(String[] args) {
    builder().run(args);
  }

  /**
   * The application as configured from {@code knowledge-service.properties}: each service names its
   * own configuration, so all four can share one classpath (the end-to-end tests host them in one
   * JVM).
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(KnowledgeApplication.class)
        .properties("spring.config.name=knowledge-service");
  }
}
