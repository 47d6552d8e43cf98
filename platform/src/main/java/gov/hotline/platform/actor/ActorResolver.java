package gov.hotline.platform.actor;

import gov.hotline.contract.Actor;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling. The only place that knows how a request proves its actor: today trusted headers,
 * later a token — swapping the bean changes every endpoint at once.
 */
public interface ActorResolver {
  /**
   * @throws InvalidActorException when the request does not name a valid actor
   */
  Actor resolve(HttpServletRequest request);
}
