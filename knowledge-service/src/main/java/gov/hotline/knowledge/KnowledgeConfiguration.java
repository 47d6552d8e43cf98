package gov.hotline.knowledge;

import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class KnowledgeConfiguration {
  @Bean
  Supplier<UUID> articleIds() {
    return UUID::randomUUID;
  }
}
