package gov.hotline.platform.runtime;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Lets one service at a time set up logging, where several run in one JVM (the services host of
 * {@code ./hotline up --jvm one}, the system tests). Logback is one per JVM, and Spring Boot's
 * {@link LoggingApplicationListener} resets and reconfigures it for each application it starts: two
 * contexts doing that at once can fail ("Unable to find Spring Environment in logger context"). The
 * lock is held from an application's start until its environment is prepared (logging is set up by
 * then, at order {@code HIGHEST_PRECEDENCE + 20}); the rest of the four start-ups runs in parallel.
 */
public final class OneAtATimeLogging {

  private static final ReentrantLock LOGGING_SETUP = new ReentrantLock();

  private OneAtATimeLogging() {}

  /** Takes the lock before anything else hears that an application starts. */
  public static GenericApplicationListener acquire() {
    return new Listener(Ordered.HIGHEST_PRECEDENCE, ApplicationStartingEvent.class) {
      @Override
      public void onApplicationEvent(ApplicationEvent event) {
        LOGGING_SETUP.lock();
      }
    };
  }

  /** Gives it back once everyone heard that the environment is ready, or the start failed. */
  public static GenericApplicationListener release() {
    return new Listener(Ordered.LOWEST_PRECEDENCE, ApplicationEnvironmentPreparedEvent.class) {
      @Override
      public boolean supportsEventType(ResolvableType eventType) {
        return super.supportsEventType(eventType)
            || ApplicationFailedEvent.class.isAssignableFrom(eventType.toClass());
      }

      @Override
      public void onApplicationEvent(ApplicationEvent event) {
        if (LOGGING_SETUP.isHeldByCurrentThread()) {
          LOGGING_SETUP.unlock();
        }
      }
    };
  }

  private abstract static class Listener implements GenericApplicationListener {
    private final int order;
    private final Class<?> eventType;

    Listener(int order, Class<?> eventType) {
      this.order = order;
      this.eventType = eventType;
    }

    @Override
    public boolean supportsEventType(ResolvableType type) {
      return eventType.isAssignableFrom(type.toClass());
    }

    @Override
    public int getOrder() {
      return order;
    }
  }
}
