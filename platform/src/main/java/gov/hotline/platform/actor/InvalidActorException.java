package gov.hotline.platform.actor;

import gov.hotline.platform.web.FieldProblem;
import gov.hotline.platform.web.InvalidInputException;
import java.util.List;

/** The request does not say who acts, or says it wrongly. */
public class InvalidActorException extends InvalidInputException {
  public InvalidActorException(String header, String reason) {
    super("invalid-actor", "Invalid actor", List.of(new FieldProblem(header, reason)));
  }
}
