package gov.hotline.platform.web;

import gov.hotline.contract.ActorRole;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint, declared on the handler method itself (ADR 0005). The platform checks
 * it before the request is read: no or an invalid actor answers 400, a role not listed 403. An
 * endpoint of ours without this annotation is refused for everyone, and an architecture test fails
 * the build for it. Finer rules (a unit handler sees only its unit's orders) belong to the query or
 * the command handler and answer 404, so existence does not leak.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allowed {
  ActorRole[] value();
}
