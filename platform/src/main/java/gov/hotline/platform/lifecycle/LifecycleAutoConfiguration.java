package gov.hotline.platform.lifecycle;

import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The views' batch writes: every event processor ends its batches with {@link BatchEnd}, which
 * writes what the batch folded into {@link OrderProgressStore}s.
 */
@AutoConfiguration
@ConditionalOnClass(ConfigurerModule.class)
public class LifecycleAutoConfiguration {

  @Bean
  ConfigurerModule viewBatchWrites() {
    return configurer ->
        configurer.eventProcessing(
            processing ->
                processing.registerDefaultHandlerInterceptor((c, name) -> new BatchEnd()));
  }
}
