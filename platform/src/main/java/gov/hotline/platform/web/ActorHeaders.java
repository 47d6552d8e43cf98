package gov.hotline.platform.web;

import gov.hotline.contract.Actor;
import gov.hotline.platform.actor.HeaderActorResolver;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Shows the actor headers and the allowed roles ({@code x-allowed-roles}) on every operation that
 * declares {@link Allowed}, and hides the resolver's {@link Actor} parameter, which would otherwise
 * show as a request body.
 */
public class ActorHeaders implements OperationCustomizer {

  public ActorHeaders() {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
  }

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    Allowed allowed = handlerMethod.getMethodAnnotation(Allowed.class);
    if (allowed != null) {
      List<String> roles = Arrays.stream(allowed.value()).map(Enum::name).toList();
      operation.addExtension("x-allowed-roles", roles);
      operation
          .addParametersItem(
              header(
                  HeaderActorResolver.ROLE,
                  true,
                  "the acting role; allowed here: " + String.join(", ", roles)))
          .addParametersItem(header(HeaderActorResolver.ID, true, "the acting user's id"))
          .addParametersItem(
              header(
                  HeaderActorResolver.UNIT,
                  false,
                  "the unit the user acts for; required for UNIT_HANDLER"));
    }
    return operation;
  }

  private static HeaderParameter header(String name, boolean required, String description) {
    HeaderParameter parameter = new HeaderParameter();
    parameter.name(name).required(required).description(description).schema(new StringSchema());
    return parameter;
  }
}
