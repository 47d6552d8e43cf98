package gov.hotline.platform.web;

import java.util.List;

/** Bad input: answered 400 with every field that is wrong and why. Nothing was changed. */
public class InvalidInputException extends RuntimeException {
  private final String code;
  private final String title;
  private final List<FieldProblem> problems;

  public InvalidInputException(String code, String title, List<FieldProblem> problems) {
    super(title + ": " + problems);
    this.code = code;
    this.title = title;
    this.problems = List.copyOf(problems);
  }

  public static InvalidInputException field(String field, String reason) {
    return new InvalidInputException(
        "invalid-field", "Invalid request", List.of(new FieldProblem(field, reason)));
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
