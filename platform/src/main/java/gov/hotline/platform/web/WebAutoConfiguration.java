package gov.hotline.platform.web;

import gov.hotline.platform.actor.ActorArgumentResolver;
import gov.hotline.platform.actor.ActorAutoConfiguration;
import gov.hotline.platform.actor.ActorResolver;
import gov.hotline.platform.runtime.HotlineProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The REST face every service shares, only in a servlet web application: RFC 7807 errors,
 * authorization by {@link Allowed}, controllers taking an {@link gov.hotline.contract.Actor}
 * parameter, and the OpenAPI document (when springdoc is present). Before Boot's MVC configuration,
 * so {@link ProblemHandlers} is the exception handler Boot's own problem-details support backs off
 * from.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class, before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
public class WebAutoConfiguration {

  @Bean
  ProblemHandlers problemHandlers() {
    return new ProblemHandlers();
  }

  /**
   * Every endpoint of ours is authorized by its {@link Allowed} roles before its arguments are
   * read; a controller may then take the resolved {@link gov.hotline.contract.Actor}.
   */
  @Bean
  WebMvcConfigurer actorArgumentsAndAuthorization(ActorResolver resolver) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver(resolver));
      }

      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuthorizationInterceptor(resolver));
      }
    };
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({OpenAPI.class, OperationCustomizer.class})
  @EnableConfigurationProperties(HotlineProperties.class)
  static class OpenApiDocument {

    @Bean
    OpenAPI hotlineOpenApi(HotlineProperties properties) {
      return new OpenAPI()
          .info(
              new Info()
                  .title("hotline " + properties.service() + "-service")
                  .description(
                      "Actors are named by the headers X-Actor-Role, X-Actor-Id and X-Actor-Unit."
                          + " Errors are RFC 7807 problems.")
                  .version("v1"));
    }

    @Bean
    OperationCustomizer actorHeaders() {
      return new ActorHeaders();
    }
  }
}
