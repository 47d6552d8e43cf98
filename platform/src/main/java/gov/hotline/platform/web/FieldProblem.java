package gov.hotline.platform.web;

/** One wrong field of a request and why it is wrong. */
public record FieldProblem(String field, String reason) {}
