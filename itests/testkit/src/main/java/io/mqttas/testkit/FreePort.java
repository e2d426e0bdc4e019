// Test kit: free loopback ports for brokers, proxies and fake brokers started by tests.
package io.mqttas.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** Finds free TCP ports on 127.0.0.1 and checks whether a port can be bound again. */
public final class FreePort {

  /** The loopback address every fixture of the kit listens on. */
  public static final String HOST = "127.0.0.1";

  private FreePort() {}

  /**
   * A port that was free a moment ago. Another process may take it before the caller binds it;
   * fixtures that start external programs retry with a new port when the bind fails.
   */
  public static int find() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 1);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** True when a server socket (with SO_REUSEADDR, as Mosquitto sets it) can bind the port now. */
  public static boolean isBindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until {@link #isBindable} or the deadline passes; returns whether the port became free. */
  public static boolean awaitBindable(int port, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (isBindable(port)) {
        return true;
      }
      if (System.nanoTime() - end > 0) {
        return false;
      }
      Sleep.millis(20);
    }
  }
}
