package gov.hotline.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Finds the stack's ports that something else already listens on, before anything starts. */
final class PortCheck {

  private PortCheck() {}

  /** The ports of {@code wanted} (name → port) that cannot be bound, in the same order. */
  static Map<String, Integer> busy(Map<String, Integer> wanted) {
    Map<String, Integer> busy = new LinkedHashMap<>();
    wanted.forEach(
        (name, port) -> {
          if (!canBind(port)) {
            busy.put(name, port);
          }
        });
    return busy;
  }

  /**
   * Binding the wildcard address fails if anyone listens on the port, whichever address they chose;
   * the services bind the wildcard themselves, the broker and Mongo 127.0.0.1.
   */
  static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // a port in TIME_WAIT is free for the child too
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
