package gov.hotline.platform.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.platform.web.FieldProblem;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class HeaderActorResolverTest {
  private final HeaderActorResolver resolver = new HeaderActorResolver();

  private static MockHttpServletRequest request(String role, String id, String unit) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    if (role != null) {
      request.addHeader(HeaderActorResolver.ROLE, role);
    }
    if (id != null) {
      request.addHeader(HeaderActorResolver.ID, id);
    }
    if (unit != null) {
      request.addHeader(HeaderActorResolver.UNIT, unit);
    }
    return request;
  }

  @Test
  void a_unit_handler_acts_for_their_unit() {
    assertThat(resolver.resolve(request("unit_handler", " h-1 ", "340602-001")))
        .isEqualTo(new Actor(ActorRole.UNIT_HANDLER, "h-1", "340602-001", null));
  }

  @Test
  void each_missing_or_wrong_header_is_named() {
    assertProblem(request(null, "x", null), "X-Actor-Role", "is required");
    assertProblem(request("MAYOR", "x", null), "X-Actor-Role", "unknown role 'MAYOR'");
    assertProblem(request("SYSTEM", "x", null), "X-Actor-Role", "SYSTEM is reserved");
    assertProblem(request("OPERATOR", " ", null), "X-Actor-Id", "is required");
    assertProblem(request("UNIT_HANDLER", "h-1", null), "X-Actor-Unit", "is required");
  }

  private void assertProblem(MockHttpServletRequest request, String field, String reason) {
    assertThatThrownBy(() -> resolver.resolve(request))
        .isInstanceOfSatisfying(
            InvalidActorException.class,
            e -> {
              FieldProblem problem = e.problems().get(0);
              assertThat(problem.field()).isEqualTo(field);
              assertThat(problem.reason()).contains(reason);
            });
  }
}
