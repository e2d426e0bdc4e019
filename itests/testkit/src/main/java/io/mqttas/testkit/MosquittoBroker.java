// Test kit (issue 3 item 13): a real Mosquitto 2.0.11 (/usr/sbin/mosquitto from Debian, installed by
// scripts/setup-os.sh) on a free loopback port, with a generated config, killed and restarted on the
// same port by the test itself. Faults are real: kill() is SIGKILL.
package io.mqttas.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Mosquitto process and its temp directory (config, log, password/ACL files, persistence).
 *
 * <pre>{@code
 * try (MosquittoBroker broker = MosquittoBroker.builder().persistence(true).start()) {
 *   connect to broker.host():broker.port() ...
 *   broker.kill();      // SIGKILL, like a crash
 *   broker.restart();   // same port, same persistence directory
 * }
 * }</pre>
 */
public final class MosquittoBroker implements AutoCloseable {

  /** Debian's binary; override with -Dmqttas.mosquitto=/path for other systems. */
  public static final String BINARY = System.getProperty("mqttas.mosquitto", "/usr/sbin/mosquitto");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Builder options;
  private final Path dir;
  private final Path log;
  private final Path config;
  private int port;
  private int tlsPort;
  private int wsPort;
  private int wssPort;
  private Process process;
  private boolean closed;
  private int starts;

  private MosquittoBroker(Builder options) throws IOException {
    this.options = options;
    this.dir = Files.createTempDirectory("mqttas-mosquitto");
    TempFiles.deleteOnExit(dir);
    this.log = dir.resolve("mosquitto.log");
    this.config = dir.resolve("mosquitto.conf");
    if (!options.users.isEmpty()) {
      writePasswordFile();
    }
    if (options.acl != null) {
      Files.writeString(dir.resolve("acl"), options.acl);
    }
    if (options.persistence) {
      Files.createDirectories(dir.resolve("data"));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A plain broker: one listener on a free 127.0.0.1 port, anonymous clients allowed. */
  public static MosquittoBroker start() {
    return builder().start();
  }

  public String host() {
    return FreePort.HOST;
  }

  /** The plain TCP listener's port (stays the same across restarts). */
  public int port() {
    return port;
  }

  /** The TLS listener's port; throws when the broker has no TLS listener. */
  public int tlsPort() {
    if (options.tls == null) {
      throw new IllegalStateException("broker was built without tls(...)");
    }
    return tlsPort;
  }

  /** "tcp://127.0.0.1:port" (Paho's URI form). */
  public String uri() {
    return "tcp://" + host() + ":" + port;
  }

  /**
   * The WebSocket listener's port (Mosquitto's {@code protocol websockets}; any path, e.g. {@code /mqtt},
   * subprotocol {@code mqtt}); throws when the broker was built without {@code websockets(true)}.
   */
  public int wsPort() {
    if (!options.websockets) {
      throw new IllegalStateException("broker was built without websockets(true)");
    }
    return wsPort;
  }

  /**
   * The WebSocket-over-TLS listener's port (issue 13 item 6: {@code protocol websockets} with the TLS
   * listener's certificate lines); needs both {@code websockets(true)} and {@code tls(...)}.
   */
  public int wssPort() {
    if (!options.websockets || options.tls == null) {
      throw new IllegalStateException("broker was built without websockets(true) and tls(...)");
    }
    return wssPort;
  }

  public TestCertificates certificates() {
    return options.tls;
  }

  public Path directory() {
    return dir;
  }

  public Path configFile() {
    return config;
  }

  public Path logFile() {
    return log;
  }

  /** The broker's log so far (all starts appended), for assertion messages. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "<cannot read " + log + ": " + e + ">";
    }
  }

  /** The last {@code lines} lines of the log, for assertion messages. */
  public String logTail(int lines) {
    String[] all = log().split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The OS process id of the running broker, or -1. */
  public synchronized long pid() {
    return isRunning() ? process.pid() : -1;
  }

  /** How many times the process was started (1 after start, +1 per restart). */
  public synchronized int starts() {
    return starts;
  }

  /** SIGKILL: the broker dies at once, without saving persistence or sending anything. */
  public synchronized void kill() {
    if (process != null) {
      if (!ChildProcesses.kill(process, STOP_TIMEOUT)) {
        throw new IllegalStateException("mosquitto pid " + process.pid() + " did not die after SIGKILL");
      }
      process = null;
    }
  }

  /** SIGTERM: Mosquitto disconnects clients and saves persistence, then exits. */
  public synchronized void stop() {
    if (process != null) {
      if (!ChildProcesses.terminate(process, STOP_TIMEOUT)) {
        throw new IllegalStateException("mosquitto pid " + process.pid() + " did not exit");
      }
      process = null;
    }
  }

  /** Starts again on the same port(s) after {@link #kill()} or {@link #stop()}; stops first if running. */
  public synchronized void restart() {
    stop();
    launchOnSamePorts();
  }

  /** Starts again on the same port(s) after {@link #kill()} or {@link #stop()}. */
  public synchronized void startAgain() {
    if (isRunning()) {
      throw new IllegalStateException("broker is running");
    }
    launchOnSamePorts();
  }

  /** Kills the broker and deletes its temp directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill();
    TempFiles.deleteTree(dir);
  }

  @Override
  public String toString() {
    return "mosquitto " + host() + ":" + port + (options.tls != null ? " tls:" + tlsPort : "")
        + (options.websockets ? " ws:" + wsPort : "") + (wssPort != 0 ? " wss:" + wssPort : "") + " dir " + dir;
  }

  // ------------------------------------------------------------------------------------------------

  private synchronized MosquittoBroker launchFirst() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      port = FreePort.find();
      tlsPort = options.tls != null ? FreePort.find() : 0;
      wsPort = options.websockets ? FreePort.find() : 0;
      wssPort = options.websockets && options.tls != null ? FreePort.find() : 0;
      try {
        launch();
        return this;
      } catch (IllegalStateException e) {
        // Another process may have taken the port between find() and mosquitto's bind: retry.
        last = e;
        if (!log().contains("Address already in use")) {
          break;
        }
      }
    }
    close();
    throw last;
  }

  private void launchOnSamePorts() {
    for (int p : ports()) {
      if (!FreePort.awaitBindable(p, STOP_TIMEOUT)) {
        throw new IllegalStateException("port " + p + " did not become free for the restart of " + this);
      }
    }
    launch();
  }

  private List<Integer> ports() {
    List<Integer> all = new ArrayList<>(List.of(port));
    if (options.tls != null) {
      all.add(tlsPort);
    }
    if (options.websockets) {
      all.add(wsPort);
    }
    if (wssPort != 0) {
      all.add(wssPort);
    }
    return all;
  }

  private void launch() {
    if (closed) {
      throw new IllegalStateException("broker is closed");
    }
    try {
      Files.writeString(config, configText());
      Files.writeString(log, "---- start " + (starts + 1) + " on port " + port + " ----\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(BINARY, "-c", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = ChildProcesses.track(pb.start());
      starts++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY + " (run scripts/setup-os.sh)", e);
    }
    long end = System.nanoTime() + START_TIMEOUT.toNanos();
    for (int p : ports()) {
      while (!accepts(p)) {
        if (!process.isAlive()) {
          int code = process.exitValue();
          process = null;
          throw new IllegalStateException("mosquitto exited with " + code + " while starting on port " + p
              + "; config:\n" + readQuietly(config) + "\nlog:\n" + logTail(30));
        }
        if (System.nanoTime() - end > 0) {
          ChildProcesses.kill(process, STOP_TIMEOUT);
          process = null;
          throw new IllegalStateException("mosquitto did not accept on port " + p + " within " + START_TIMEOUT
              + "; log:\n" + logTail(30));
        }
        Sleep.millis(10);
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(FreePort.HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String configText() {
    StringBuilder c = new StringBuilder();
    c.append("# generated by io.mqttas.testkit.MosquittoBroker\n");
    // When run as root Mosquitto drops privileges to user 'mosquitto', which cannot read our temp
    // files; keeping the current user avoids that (ignored when not root).
    c.append("user ").append(System.getProperty("user.name")).append('\n');
    c.append("log_dest stderr\n");
    c.append("log_timestamp_format %H:%M:%S\n");
    for (String t : options.logTypes) {
      c.append("log_type ").append(t).append('\n');
    }
    c.append("per_listener_settings false\n");
    c.append("allow_anonymous ").append(options.allowAnonymous).append('\n');
    if (!options.users.isEmpty()) {
      c.append("password_file ").append(dir.resolve("passwd")).append('\n');
    }
    if (options.acl != null) {
      c.append("acl_file ").append(dir.resolve("acl")).append('\n');
    }
    if (options.persistence) {
      c.append("persistence true\n");
      c.append("persistence_location ").append(dir.resolve("data")).append("/\n");
    } else {
      c.append("persistence false\n");
    }
    c.append("max_queued_messages 0\n");
    c.append("listener ").append(port).append(' ').append(FreePort.HOST).append('\n');
    if (options.websockets) {
      // Before the TLS listener: Mosquitto applies certificate lines to the listener above them.
      c.append("listener ").append(wsPort).append(' ').append(FreePort.HOST).append('\n');
      c.append("protocol websockets\n");
    }
    if (options.tls != null) {
      TestCertificates t = options.tls;
      c.append("listener ").append(tlsPort).append(' ').append(FreePort.HOST).append('\n');
      c.append("cafile ").append(t.caFile()).append('\n');
      boolean wrong = options.tlsWrongHostName;
      c.append("certfile ").append(wrong ? t.wrongHostCertFile() : t.serverCertFile()).append('\n');
      c.append("keyfile ").append(wrong ? t.wrongHostKeyFile() : t.serverKeyFile()).append('\n');
      c.append("require_certificate ").append(options.requireClientCertificate).append('\n');
      if (options.websockets) {
        c.append("listener ").append(wssPort).append(' ').append(FreePort.HOST).append('\n');
        c.append("protocol websockets\n");
        c.append("cafile ").append(t.caFile()).append('\n');
        c.append("certfile ").append(wrong ? t.wrongHostCertFile() : t.serverCertFile()).append('\n');
        c.append("keyfile ").append(wrong ? t.wrongHostKeyFile() : t.serverKeyFile()).append('\n');
        c.append("require_certificate ").append(options.requireClientCertificate).append('\n');
      }
    }
    for (String line : options.extraLines) {
      c.append(line).append('\n');
    }
    return c.toString();
  }

  private void writePasswordFile() {
    Path file = dir.resolve("passwd");
    boolean first = true;
    for (Map.Entry<String, String> u : options.users.entrySet()) {
      List<String> cmd = new ArrayList<>(List.of("mosquitto_passwd"));
      if (first) {
        cmd.add("-c");
      }
      cmd.addAll(List.of("-b", file.toString(), u.getKey(), u.getValue()));
      ExternalCommand.run(cmd, null, Duration.ofSeconds(20)).requireSuccess();
      first = false;
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "<" + e + ">";
    }
  }

  /** Options of a broker; {@link #start()} launches it. */
  public static final class Builder {
    private boolean persistence;
    private boolean allowAnonymous = true;
    private final Map<String, String> users = new LinkedHashMap<>();
    private String acl;
    private TestCertificates tls;
    private boolean tlsWrongHostName;
    private boolean requireClientCertificate;
    private boolean websockets;
    private final List<String> extraLines = new ArrayList<>();
    private final List<String> logTypes = new ArrayList<>();

    private Builder() {}

    /**
     * Persistence in the broker's temp directory, kept across {@link #restart()}: sessions of
     * clean=false clients and their queued QoS 1 messages survive a {@code stop()}; after a
     * {@code kill()} only what the last autosave wrote survives (add {@code autosave_interval} via
     * {@link #configLine} when a test needs that).
     */
    public Builder persistence(boolean on) {
      this.persistence = on;
      return this;
    }

    public Builder allowAnonymous(boolean allow) {
      this.allowAnonymous = allow;
      return this;
    }

    /** Adds a user to a password file generated with {@code mosquitto_passwd -b}. */
    public Builder user(String name, String password) {
      users.put(name, password);
      return this;
    }

    /** ACL file contents, e.g. {@code "user alice\ntopic readwrite a/#\n"}. */
    public Builder acl(String text) {
      this.acl = text;
      return this;
    }

    /** A second listener with TLS (server certificate for 127.0.0.1/localhost signed by the test CA). */
    public Builder tls(TestCertificates certificates) {
      this.tls = certificates;
      return this;
    }

    /** Use {@link #tls(TestCertificates)} with the shared test PKI. */
    public Builder tls() {
      return tls(TestCertificates.shared());
    }

    /** Serve the certificate for "not-this-host.invalid" (host name verification must fail). */
    public Builder tlsWrongHostName(boolean wrong) {
      this.tlsWrongHostName = wrong;
      return this;
    }

    /** Mutual TLS: clients must present a certificate signed by the test CA. */
    public Builder requireClientCertificate(boolean require) {
      this.requireClientCertificate = require;
      return this;
    }

    /**
     * A further plain listener speaking MQTT over WebSocket ({@code protocol websockets}, built into
     * Debian's Mosquitto 2.0.11 through libwebsockets) on its own free port: {@link MosquittoBroker#wsPort()}.
     */
    public Builder websockets(boolean on) {
      this.websockets = on;
      return this;
    }

    /** A raw line appended to the generated mosquitto.conf (after the listeners). */
    public Builder configLine(String line) {
      extraLines.add(line);
      return this;
    }

    /**
     * Log types (Mosquitto's {@code log_type}); default is Mosquitto's own (error, warning, notice,
     * information). {@code "all"} logs every packet: useful for diagnostics, too slow for benchmarks.
     */
    public Builder logType(String type) {
      logTypes.add(type);
      return this;
    }

    public MosquittoBroker start() {
      try {
        return new MosquittoBroker(this).launchFirst();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
