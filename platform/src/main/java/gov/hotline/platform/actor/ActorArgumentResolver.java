package gov.hotline.platform.actor;

import gov.hotline.contract.Actor;
import gov.hotline.platform.web.AuthorizationInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a controller method take an {@link Actor} parameter: the one authorization resolved, or
 * resolved here for an endpoint that was not authorized (there is none of ours).
 */
public class ActorArgumentResolver implements HandlerMethodArgumentResolver {
  private final ActorResolver resolver;

  public ActorArgumentResolver(ActorResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return Actor.class.equals(parameter.getParameterType());
  }

  @Override
  public Actor resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    Object authorized = request.getAttribute(AuthorizationInterceptor.ACTOR);
    return authorized instanceof Actor actor ? actor : resolver.resolve(request);
  }
}
