package gov.hotline.platform.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 7807 problems with a stable {@code type} per kind of error. */
public final class Problems {
  public static final String TYPE_PREFIX = "urn:hotline:problem:";

  private Problems() {}

  public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_PREFIX + code));
    problem.setTitle(title);
    return problem;
  }

  public static ProblemDetail invalid(String code, String title, List<FieldProblem> problems) {
    String detail =
        problems.stream()
            .map(p -> p.field() + ": " + p.reason())
            .reduce((a, b) -> a + "; " + b)
            .orElse(title);
    ProblemDetail problem = of(HttpStatusCode.valueOf(400), code, title, detail);
    problem.setProperty("errors", problems);
    return problem;
  }
}
