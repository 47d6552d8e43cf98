package gov.hotline.platform.actor;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.platform.web.ForbiddenException;
import java.util.Arrays;

/** Checks that an actor holds one of the roles an action needs. */
public final class Roles {
  private Roles() {}

  public static Actor require(Actor actor, ActorRole... allowed) {
    if (Arrays.asList(allowed).contains(actor.role())) {
      return actor;
    }
    throw new ForbiddenException(
        "role " + actor.role() + " may not do this; allowed: " + Arrays.toString(allowed));
  }
}
