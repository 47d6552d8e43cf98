package gov.hotline.contract;

import java.util.Objects;

/**
 * The person or system behind an event. Never carries a password, token or a caller's personal
 * data: only a role, the acting user's id, the unit they act for and, for machines, the system.
 */
public record Actor(ActorRole role, String userId, String unitId, String system) {
  public Actor {
    Objects.requireNonNull(role, "role");
  }

  public static Actor system(String system) {
    return new Actor(ActorRole.SYSTEM, null, null, system);
  }
}
