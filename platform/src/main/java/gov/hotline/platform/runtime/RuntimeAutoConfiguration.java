package gov.hotline.platform.runtime;

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** What a service process needs whatever else it does: its settings, a clock, its lifeline. */
@AutoConfiguration
@EnableConfigurationProperties(HotlineProperties.class)
public class RuntimeAutoConfiguration {

  /**
   * A bean, so domain code takes the time from one place and tests can fix it. Ticks in whole
   * milliseconds: Mongo dates keep milliseconds, so an instant that is answered, published and read
   * back from a view is the same instant everywhere.
   */
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.tickMillis(ZoneOffset.UTC);
  }

  @Bean
  @ConditionalOnProperty("HOTLINE_PARENT_PID")
  ParentProcessWatcher parentProcessWatcher(@Value("${HOTLINE_PARENT_PID}") long parentPid) {
    return new ParentProcessWatcher(parentPid);
  }
}
