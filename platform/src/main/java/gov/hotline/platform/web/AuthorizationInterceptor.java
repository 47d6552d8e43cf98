package gov.hotline.platform.web;

import gov.hotline.contract.Actor;
import gov.hotline.platform.actor.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link Allowed} on every endpoint of ours before its arguments are read: resolves the
 * actor once (400 when missing or invalid), checks the role (403), and leaves the actor on the
 * request for the controller's {@link Actor} parameter. Endpoints of libraries (actuator, OpenAPI)
 * are not ours and pass.
 */
public class AuthorizationInterceptor implements HandlerInterceptor {
  /** The request attribute holding the resolved {@link Actor}. */
  public static final String ACTOR = AuthorizationInterceptor.class.getName() + ".actor";

  private static final String OURS = "gov.hotline.";
  private final ActorResolver resolver;

  public AuthorizationInterceptor(ActorResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)
        || !method.getBeanType().getName().startsWith(OURS)) {
      return true;
    }
    Allowed allowed = method.getMethodAnnotation(Allowed.class);
    if (allowed == null) {
      throw new ForbiddenException(
          "endpoint " + method.getShortLogMessage() + " declares no allowed roles");
    }
    Actor actor = resolver.resolve(request);
    if (!Arrays.asList(allowed.value()).contains(actor.role())) {
      throw new ForbiddenException(
          "role "
              + actor.role()
              + " may not do this; allowed: "
              + Arrays.toString(allowed.value()));
    }
    request.setAttribute(ACTOR, actor);
    return true;
  }
}
