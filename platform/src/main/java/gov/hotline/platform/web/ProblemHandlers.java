package gov.hotline.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.platform.domain.InvalidCommand;
import gov.hotline.platform.domain.NotPermitted;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.domain.UnknownEntity;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error a service answers is an RFC 7807 problem that names what was wrong. */
@RestControllerAdvice
public class ProblemHandlers extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalidInput(InvalidInputException e) {
    return Problems.invalid(e.code(), e.title(), e.problems());
  }

  /**
   * A request parameter or path variable broke its constraint ({@code @Min}, {@code @Pattern} ...
   * on a {@code @Validated} controller): 400 naming the parameter, not a 500.
   */
  @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
  ProblemDetail constraintViolation(jakarta.validation.ConstraintViolationException e) {
    List<FieldProblem> problems =
        e.getConstraintViolations().stream()
            .map(v -> new FieldProblem(parameterOf(v.getPropertyPath()), v.getMessage()))
            .sorted((a, b) -> a.field().compareTo(b.field()))
            .toList();
    return Problems.invalid("invalid-field", "Invalid request", problems);
  }

  /** The last node of {@code method.parameter}: the parameter's name. */
  private static String parameterOf(jakarta.validation.Path path) {
    String name = null;
    for (jakarta.validation.Path.Node node : path) {
      name = node.getName();
    }
    return name == null ? path.toString() : name;
  }

  @ExceptionHandler({ForbiddenException.class, NotPermitted.class})
  ProblemDetail forbidden(RuntimeException e) {
    return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", e.getMessage());
  }

  @ExceptionHandler(InvalidCommand.class)
  ProblemDetail invalidCommand(InvalidCommand e) {
    return Problems.invalid(
        "invalid-field", "Invalid request", List.of(new FieldProblem(e.field(), e.reason())));
  }

  @ExceptionHandler(RuleViolation.class)
  ProblemDetail ruleViolation(RuleViolation e) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT, e.code(), "Not allowed in the current state", e.getMessage());
    if (e.state() != null) {
      problem.setProperty("state", e.state());
    }
    return problem;
  }

  /**
   * The lifecycle refused the step. The problem names the rule and the order's current state, so a
   * client retrying after a lost answer can tell "done already" from "not yet".
   */
  @ExceptionHandler(IllegalTransition.class)
  ProblemDetail illegalTransition(IllegalTransition e) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT, e.reason(), "Not allowed in the current state", e.getMessage());
    if (e.state() != null) {
      problem.setProperty("state", e.state().name());
    }
    return problem;
  }

  @ExceptionHandler({UnknownEntity.class, AggregateNotFoundException.class})
  ProblemDetail notFound(RuntimeException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems =
        ex.getBindingResult().getFieldErrors().stream()
            .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
            .sorted((a, b) -> a.field().compareTo(b.field()))
            .collect(Collectors.toList());
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(g -> problems.add(new FieldProblem(g.getObjectName(), g.getDefaultMessage())));
    return ResponseEntity.badRequest()
        .body(Problems.invalid("invalid-field", "Invalid request", problems));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    FieldProblem problem = new FieldProblem("body", "is missing or not valid JSON");
    if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      problem = new FieldProblem(field, readableReason(mapping));
    }
    return ResponseEntity.badRequest()
        .body(Problems.invalid("unreadable-body", "Unreadable request", List.of(problem)));
  }

  private static String readableReason(JsonMappingException e) {
    String message = e.getOriginalMessage();
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid
        && invalid.getTargetType() != null
        && invalid.getTargetType().isEnum()) {
      return "must be one of "
          + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
    }
    return message == null ? "has an invalid value" : message.split("\n")[0];
  }
}
