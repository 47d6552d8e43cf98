package gov.hotline.platform.web;

import gov.hotline.contract.Actor;
import gov.hotline.platform.actor.HeaderActorResolver;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Shows the actor headers on every operation that takes an {@link Actor}, instead of the resolver's
 * {@link Actor} parameter as if it were a request body.
 */
public class ActorHeaders implements OperationCustomizer {

  public ActorHeaders() {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
  }

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    boolean takesActor =
        Arrays.stream(handlerMethod.getMethodParameters())
            .anyMatch(p -> Actor.class.equals(p.getParameterType()));
    if (takesActor) {
      operation
          .addParametersItem(
              header(
                  HeaderActorResolver.ROLE,
                  true,
                  "OPERATOR, DISPATCHER, UNIT_HANDLER, SUPERVISOR, AUDITOR or EDITOR"))
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
