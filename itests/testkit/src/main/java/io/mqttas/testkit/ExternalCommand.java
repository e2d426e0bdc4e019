// Test kit: runs a short external program (openssl, mosquitto_passwd, mosquitto_pub) with a deadline
// and returns its exit code and output, so failures carry the program's own message.
package io.mqttas.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One finished run of an external program. */
public final class ExternalCommand {

  private final List<String> command;
  private final int exitCode;
  private final String output;

  private ExternalCommand(List<String> command, int exitCode, String output) {
    this.command = command;
    this.exitCode = exitCode;
    this.output = output;
  }

  public int exitCode() {
    return exitCode;
  }

  /** stdout and stderr merged. */
  public String output() {
    return output;
  }

  /** Throws with the command line and output when the exit code is not 0. */
  public ExternalCommand requireSuccess() {
    if (exitCode != 0) {
      throw new IllegalStateException(describe());
    }
    return this;
  }

  public String describe() {
    return String.join(" ", command) + " exited with " + exitCode + ":\n" + output;
  }

  /** Runs the command, feeding {@code stdin} (may be null), killing it after the timeout. */
  public static ExternalCommand run(List<String> command, String stdin, Duration timeout) {
    Path out = null;
    try {
      out = Files.createTempFile("mqttas-cmd", ".out");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      Process p = ChildProcesses.track(pb.start());
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException ignored) {
        // the program may exit before reading its input; its exit code tells the story
      }
      if (!ChildProcesses.waitFor(p, timeout)) {
        ChildProcesses.kill(p, Duration.ofSeconds(5));
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
            + ", killed; output so far:\n" + Files.readString(out));
      }
      return new ExternalCommand(List.copyOf(command), p.exitValue(), Files.readString(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temp file left in /tmp is harmless
        }
      }
    }
  }
}
