package gov.hotline.platform.actor;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Who is calling: trusted headers until authentication arrives. A service or a later module
 * replaces it by declaring its own {@link ActorResolver}; every endpoint follows.
 */
@AutoConfiguration
@ConditionalOnClass(HttpServletRequest.class)
public class ActorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ActorResolver actorResolver() {
    return new HeaderActorResolver();
  }
}
