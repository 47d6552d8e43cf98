package gov.hotline.platform.actor;

import gov.hotline.contract.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method take an {@link Actor} parameter. */
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
    return resolver.resolve(webRequest.getNativeRequest(HttpServletRequest.class));
  }
}
