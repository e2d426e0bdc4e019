// Test kit: makes sure no external program started by a test (mosquitto, mosquitto_sub, openssl)
// outlives the test JVM, even when a test fails or forgets to close its fixture.
package io.mqttas.testkit;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Registry of live child processes, killed by a JVM shutdown hook. */
final class ChildProcesses {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Thread hook = new Thread(ChildProcesses::killAll, "mqttas-test-process-reaper");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private ChildProcesses() {}

  static Process track(Process p) {
    LIVE.add(p);
    p.onExit().thenRun(() -> LIVE.remove(p));
    return p;
  }

  /** SIGKILL (destroyForcibly) and wait up to the timeout for the exit; returns whether it exited. */
  static boolean kill(Process p, Duration timeout) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    return waitFor(p, timeout);
  }

  /** SIGTERM (destroy); if the program is still alive after the timeout, SIGKILL. */
  static boolean terminate(Process p, Duration timeout) {
    p.destroy();
    if (waitFor(p, timeout)) {
      return true;
    }
    return kill(p, timeout);
  }

  static boolean waitFor(Process p, Duration timeout) {
    try {
      boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (exited) {
        LIVE.remove(p);
      }
      return exited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static int liveCount() {
    LIVE.removeIf(p -> !p.isAlive());
    return LIVE.size();
  }

  private static void killAll() {
    for (Process p : LIVE) {
      p.destroyForcibly();
    }
  }
}
