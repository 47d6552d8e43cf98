package gov.hotline.platform.actor;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;

class ActorAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ActorAutoConfiguration.class));

  @Test
  void by_default_the_actor_comes_from_the_request_headers() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader(HeaderActorResolver.ROLE, "DISPATCHER");
    request.addHeader(HeaderActorResolver.ID, "d-1");
    runner.run(
        context ->
            assertThat(context.getBean(ActorResolver.class).resolve(request))
                .isEqualTo(new Actor(ActorRole.DISPATCHER, "d-1", null, null)));
  }

  @Test
  void a_resolver_of_the_service_replaces_the_headers() {
    ActorResolver token = request -> new Actor(ActorRole.AUDITOR, "from-token", null, null);
    runner
        .withBean(ActorResolver.class, () -> token)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ActorResolver.class);
              assertThat(context.getBean(ActorResolver.class)).isSameAs(token);
            });
  }
}
