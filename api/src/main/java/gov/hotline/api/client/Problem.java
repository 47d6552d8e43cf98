package gov.hotline.api.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 7807 problem as a service answered it: the standard members, the services' {@code errors}
 * (each wrong field and why), and every other member in {@code properties} (e.g. {@code state}, the
 * order's current state on a 409). Members a service left out are null or empty.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors,
    Map<String, Object> properties) {

  /** The services' problem types are {@code urn:hotline:problem:<code>}. */
  public static final String TYPE_PREFIX = "urn:hotline:problem:";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
    // a member may be JSON null, which Map.copyOf would refuse
    properties =
        properties == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** One wrong field of a request and why it is wrong. */
  public record FieldError(String field, String reason) {}

  static Problem empty(int status) {
    return new Problem(null, null, status, null, null, List.of(), Map.of());
  }

  /** The short code of a service's problem type, e.g. {@code order-not-handled}. */
  public Optional<String> code() {
    if (type == null) {
      return Optional.empty();
    }
    return Optional.of(type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type);
  }

  /** A member beyond the standard ones, e.g. {@code state}. */
  public Optional<Object> property(String name) {
    return Optional.ofNullable(properties.get(name));
  }
}
