package gov.hotline.platform.actor;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the actor from {@code X-Actor-Role}, {@code X-Actor-Id} and {@code X-Actor-Unit}, until
 * authentication arrives. SYSTEM cannot be claimed from outside.
 */
public class HeaderActorResolver implements ActorResolver {
  public static final String ROLE = "X-Actor-Role";
  public static final String ID = "X-Actor-Id";
  public static final String UNIT = "X-Actor-Unit";

  private static final Set<ActorRole> UNIT_ROLES = EnumSet.of(ActorRole.UNIT_HANDLER);

  @Override
  public Actor resolve(HttpServletRequest request) {
    String roleHeader = request.getHeader(ROLE);
    if (roleHeader == null || roleHeader.isBlank()) {
      throw new InvalidActorException(ROLE, "is required");
    }
    ActorRole role;
    try {
      role = ActorRole.valueOf(roleHeader.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidActorException(ROLE, "unknown role '" + roleHeader + "'");
    }
    if (role == ActorRole.SYSTEM) {
      throw new InvalidActorException(ROLE, "SYSTEM is reserved for the platform itself");
    }
    String id = trimToNull(request.getHeader(ID));
    if (id == null) {
      throw new InvalidActorException(ID, "is required");
    }
    String unit = trimToNull(request.getHeader(UNIT));
    if (unit == null && UNIT_ROLES.contains(role)) {
      throw new InvalidActorException(UNIT, "is required for role " + role);
    }
    return new Actor(role, id, unit, null);
  }

  private static String trimToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
