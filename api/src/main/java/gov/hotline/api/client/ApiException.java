package gov.hotline.api.client;

import gov.hotline.contract.workorder.OrderState;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call that did not succeed: a non-2xx answer with its {@link Problem}, or no answer at all
 * ({@link #status()} {@value #NO_ANSWER}, the last {@link java.io.IOException} as the cause). When
 * the client retried, this is how the last attempt ended.
 */
public class ApiException extends RuntimeException {
  /** The status of a call that never got an answer. */
  public static final int NO_ANSWER = 0;

  private final String method;
  private final URI uri;
  private final Problem problem;
  private final int attempts;

  public ApiException(
      String method, URI uri, Problem problem, int attempts, String message, Throwable cause) {
    super(message, cause);
    this.method = method;
    this.uri = uri;
    this.problem = problem;
    this.attempts = attempts;
  }

  public String method() {
    return method;
  }

  public URI uri() {
    return uri;
  }

  /** The HTTP status, or {@value #NO_ANSWER} when no answer came. */
  public int status() {
    return problem.status();
  }

  /** False when the service never answered (down, restarting, too slow). */
  public boolean answered() {
    return status() != NO_ANSWER;
  }

  /** How many times the client sent the request. */
  public int attempts() {
    return attempts;
  }

  /** The problem the service answered; an empty one (only the status) if it sent none. */
  public Problem problem() {
    return problem;
  }

  public String type() {
    return problem.type();
  }

  public String title() {
    return problem.title();
  }

  public String detail() {
    return problem.detail();
  }

  public List<Problem.FieldError> errors() {
    return problem.errors();
  }

  /** Members of the problem beyond the standard ones and {@code errors}. */
  public Map<String, Object> properties() {
    return problem.properties();
  }

  /**
   * The order's current state, where a 409 names it in a {@code state} member; empty where it does
   * not (or names something that is not an order state).
   */
  public Optional<OrderState> orderState() {
    return problem
        .property("state")
        .map(String::valueOf)
        .flatMap(
            s -> {
              try {
                return Optional.of(OrderState.valueOf(s));
              } catch (IllegalArgumentException notAnOrderState) {
                return Optional.empty();
              }
            });
  }

  public boolean isConflict() {
    return status() == 409;
  }

  public boolean isNotFound() {
    return status() == 404;
  }
}
