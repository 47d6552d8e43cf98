package gov.hotline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.platform.actor.ActorAutoConfiguration;
import gov.hotline.platform.actor.HeaderActorResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

class WebAutoConfigurationTest {
  private static final AutoConfigurations PLATFORM_WEB =
      AutoConfigurations.of(
          ActorAutoConfiguration.class,
          WebAutoConfiguration.class,
          WebMvcAutoConfiguration.class,
          HttpMessageConvertersAutoConfiguration.class,
          JacksonAutoConfiguration.class);

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(PLATFORM_WEB)
          .withPropertyValues("hotline.service=dispatch");

  @RestController
  static class WhoAmI {
    @GetMapping("/who")
    @Allowed({ActorRole.SUPERVISOR, ActorRole.AUDITOR})
    String who(Actor actor) {
      return actor.role() + ":" + actor.userId();
    }

    /** Declares nothing: refused to everyone. */
    @GetMapping("/ping")
    String ping() {
      return "pong";
    }
  }

  @Test
  void an_allowed_role_gets_through_with_its_actor_another_role_is_forbidden_no_actor_is_bad() {
    web.withUserConfiguration(WhoAmI.class)
        .run(
            context -> {
              MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
              mvc.perform(
                      get("/who")
                          .header(HeaderActorResolver.ROLE, "SUPERVISOR")
                          .header(HeaderActorResolver.ID, "s-1"))
                  .andExpect(status().isOk())
                  .andExpect(content().string("SUPERVISOR:s-1"));
              mvc.perform(get("/who").header(HeaderActorResolver.ID, "s-1"))
                  .andExpect(status().isBadRequest())
                  .andExpect(jsonPath("$.type").value(Problems.TYPE_PREFIX + "invalid-actor"))
                  .andExpect(jsonPath("$.errors[0].field").value(HeaderActorResolver.ROLE));
              mvc.perform(
                      get("/who")
                          .header(HeaderActorResolver.ROLE, "OPERATOR")
                          .header(HeaderActorResolver.ID, "o-1"))
                  .andExpect(status().isForbidden())
                  .andExpect(jsonPath("$.type").value(Problems.TYPE_PREFIX + "forbidden"));
              mvc.perform(
                      get("/ping")
                          .header(HeaderActorResolver.ROLE, "SUPERVISOR")
                          .header(HeaderActorResolver.ID, "s-1"))
                  .andExpect(status().isForbidden())
                  .andExpect(
                      jsonPath("$.detail")
                          .value(
                              org.hamcrest.Matchers.containsString("declares no allowed roles")));
            });
  }

  @Test
  void the_openapi_document_names_the_service_and_shows_roles_and_actor_headers_where_declared() {
    web.run(
        context -> {
          assertThat(context.getBean(OpenAPI.class).getInfo().getTitle())
              .isEqualTo("hotline dispatch-service");
          OperationCustomizer customizer = context.getBean(OperationCustomizer.class);
          Operation withActor =
              customizer.customize(
                  new Operation(),
                  new HandlerMethod(
                      new WhoAmI(), WhoAmI.class.getDeclaredMethod("who", Actor.class)));
          assertThat(withActor.getExtensions())
              .containsEntry("x-allowed-roles", java.util.List.of("SUPERVISOR", "AUDITOR"));
          assertThat(withActor.getParameters())
              .extracting(Parameter::getName, Parameter::getRequired)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(HeaderActorResolver.ROLE, true),
                  org.assertj.core.groups.Tuple.tuple(HeaderActorResolver.ID, true),
                  org.assertj.core.groups.Tuple.tuple(HeaderActorResolver.UNIT, false));
          Operation withoutActor =
              customizer.customize(
                  new Operation(),
                  new HandlerMethod(new WhoAmI(), WhoAmI.class.getDeclaredMethod("ping")));
          assertThat(withoutActor.getParameters()).isNull();
        });
  }

  @Test
  void outside_a_web_application_there_is_no_web_face() {
    new ApplicationContextRunner()
        .withConfiguration(PLATFORM_WEB)
        .withPropertyValues("hotline.service=dispatch")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ProblemHandlers.class);
              assertThat(context).doesNotHaveBean(OpenAPI.class);
              assertThat(context).doesNotHaveBean(OperationCustomizer.class);
              assertThat(context).doesNotHaveBean(WebMvcConfigurer.class);
            });
  }
}
