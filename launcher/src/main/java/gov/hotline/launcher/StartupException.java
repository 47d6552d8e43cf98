package gov.hotline.launcher;

/** The stack cannot start; the message says why and what to do, ready for the console. */
public final class StartupException extends Exception {

  private final int exitCode;

  public StartupException(String message) {
    this(message, 1);
  }

  public StartupException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
