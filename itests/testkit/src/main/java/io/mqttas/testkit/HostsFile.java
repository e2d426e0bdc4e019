// Test kit (issue 9 items 13, 17): DNS failure injection. A JVM started with
// -Djdk.net.hosts.file=<file> resolves every name from that file instead of the system resolver;
// with both address caches off the JDK reads the file again on every lookup, so a test that
// rewrites it makes a name vanish (UnknownHostException), point at a dead address, or come back,
// while the client under test keeps running. The caches are security properties: the JDK's
// java.security sets networkaddress.cache.negative.ttl=10, which beats the system property
// sun.net.inetaddr.negative.ttl, so the off switch is a security properties file
// (-Djava.security.properties=…). Verified on OpenJDK 17 by HostsFileTest (a child JVM that
// resolves in a loop while the file changes).
package io.mqttas.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hosts file the test owns. Either {@link #create()} one for a child JVM (pass {@link
 * #jvmOptions()} to it), or take over the one this JVM was started with ({@link #current()}, e.g. a
 * failsafe {@code argLine} with {@link #jvmOptions(Path)}).
 *
 * <pre>{@code
 * HostsFile dns = HostsFile.current();          // this JVM runs with -Djdk.net.hosts.file=…
 * dns.map("broker.test", "127.0.0.1");          // the client connects to broker.test
 * dns.remove("broker.test");                     // next lookups fail: UnknownHostException
 * dns.map("broker.test", "127.0.0.2");           // the name points at an address nobody listens on
 * dns.map("broker.test", "127.0.0.1");           // healed
 * }</pre>
 *
 * <p>Rewrites are atomic (temp file + rename), so a lookup never sees half a file. {@code
 * localhost} and this machine's own host name are always present, so {@code
 * InetAddress.getLocalHost()} keeps working in the JVM that uses the file.
 */
public final class HostsFile {

  /** System property naming the hosts file (JDK 9+, read once when InetAddress initialises). */
  public static final String PROPERTY = "jdk.net.hosts.file";

  /** The security properties that switch both lookup caches off (contents of {@link #securityFile()}). */
  public static final String NO_CACHE = "networkaddress.cache.ttl=0\nnetworkaddress.cache.negative.ttl=0\n";

  private final Path file;
  private final Map<String, String> entries = new LinkedHashMap<>();
  /** While lookups hang: a second name of the FIFO that sits at {@link #file}. */
  private Path hungFifo;

  private HostsFile(Path file) {
    this.file = file;
    entries.put("localhost", "127.0.0.1");
    String self = localHostEntry();
    if (self != null) {
      int sp = self.indexOf(' ');
      entries.put(self.substring(sp + 1), self.substring(0, sp));
    }
    write();
  }

  /** A new hosts file (and its no-cache security file) in a temp directory deleted at JVM exit, for a child JVM. */
  public static HostsFile create() {
    try {
      Path dir = Files.createTempDirectory("mqttas-hosts");
      TempFiles.deleteOnExit(dir);
      Files.writeString(dir.resolve("hosts.security"), NO_CACHE);
      return new HostsFile(dir.resolve("hosts"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a hosts file", e);
    }
  }

  /**
   * The hosts file this JVM resolves names from. Fails (with the options to add) when the JVM was
   * not started with them, so a test can never silently run against the real resolver.
   */
  public static HostsFile current() {
    String path = System.getProperty(PROPERTY);
    if (path == null || path.isBlank()) {
      throw new IllegalStateException("this JVM was not started with -D" + PROPERTY
          + "=<file>; start it with " + jvmOptions(Path.of("<file>"), Path.of("<file with " + NO_CACHE.replace("\n", " ").trim() + ">")));
    }
    String ttl = java.security.Security.getProperty("networkaddress.cache.ttl");
    String negative = java.security.Security.getProperty("networkaddress.cache.negative.ttl");
    if (!"0".equals(ttl) || !"0".equals(negative)) {
      throw new IllegalStateException("this JVM caches lookups (networkaddress.cache.ttl=" + ttl
          + ", networkaddress.cache.negative.ttl=" + negative + "); start it with "
          + jvmOptions(Path.of(path), Path.of("<file with " + NO_CACHE.replace("\n", " ").trim() + ">")));
    }
    return new HostsFile(Path.of(path));
  }

  /**
   * The JVM options that make a JVM resolve from {@code hosts} on every lookup; {@code security}
   * must contain {@link #NO_CACHE}.
   */
  public static List<String> jvmOptions(Path hosts, Path security) {
    return List.of("-D" + PROPERTY + "=" + hosts.toAbsolutePath(), "-Djava.security.properties=" + security.toAbsolutePath());
  }

  /** {@link #jvmOptions(Path, Path)} for this file (made by {@link #create()}). */
  public List<String> jvmOptions() {
    return jvmOptions(file, securityFile());
  }

  /** The security properties file next to the hosts file, written by {@link #create()}. */
  public Path securityFile() {
    return file.resolveSibling(file.getFileName() + ".security");
  }

  public Path path() {
    return file;
  }

  /** {@code name} resolves to {@code address} (an IP literal) from the next lookup on. */
  public synchronized HostsFile map(String name, String address) {
    entries.put(name, address);
    write();
    return this;
  }

  /** {@code name} no longer resolves (UnknownHostException) from the next lookup on. */
  public synchronized HostsFile remove(String name) {
    entries.remove(name);
    write();
    return this;
  }

  /**
   * A DNS server that does not answer: from now on every lookup of the JVM using the file blocks
   * until {@link #release()}. The file becomes a FIFO nobody writes, so the JDK's lookup sits in
   * open(2) — which no interrupt ends, as with a resolver stuck in the C library. Needs mkfifo
   * (coreutils). {@link #map}/{@link #remove} while hanging take effect at the release.
   */
  public synchronized HostsFile hang() {
    if (hungFifo != null) {
      return this;
    }
    Path fifo = file.resolveSibling(file.getFileName() + ".fifo");
    Path alias = file.resolveSibling(file.getFileName() + ".fifo-alias");
    try {
      Files.deleteIfExists(fifo);
      Files.deleteIfExists(alias);
      ExternalCommand.run(List.of("mkfifo", fifo.toString()), null, java.time.Duration.ofSeconds(10)).requireSuccess();
      Files.createLink(alias, fifo);
      Files.move(fifo, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put a FIFO at " + file, e);
    }
    hungFifo = alias;
    return this;
  }

  /**
   * Ends a {@link #hang()}: new lookups read the entries again; lookups stuck in the hang fail
   * (UnknownHostException), like a query that finally timed out.
   */
  public synchronized HostsFile release() {
    Path alias = hungFifo;
    if (alias == null) {
      return this;
    }
    hungFifo = null;
    write(); // a regular file at the path again: new lookups no longer block
    try {
      // A writer that appears and leaves: readers blocked in open(2) return and read EOF. O_RDWR
      // never blocks on Linux, so this works whether or not a lookup is stuck.
      new java.io.RandomAccessFile(alias.toFile(), "rw").close();
      Files.deleteIfExists(alias);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lookups stuck on " + alias, e);
    }
    return this;
  }

  /** The address {@code name} maps to now, or null. */
  public synchronized String addressOf(String name) {
    return entries.get(name);
  }

  @Override
  public synchronized String toString() {
    return "hosts file " + file + " " + entries;
  }

  private void write() {
    if (hungFifo != null) {
      return; // written at the release
    }
    StringBuilder text = new StringBuilder("# written by io.mqttas.testkit.HostsFile\n");
    for (Map.Entry<String, String> e : entries.entrySet()) {
      text.append(e.getValue()).append(' ').append(e.getKey()).append('\n');
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** "address name" for this machine (null if unknown), so getLocalHost() works with the file. */
  private static String localHostEntry() {
    try {
      InetAddress self = InetAddress.getLocalHost();
      return self.getHostAddress() + " " + self.getHostName();
    } catch (UnknownHostException e) {
      // Already inside a JVM that resolves from a hosts file without this host: ask the kernel.
      try {
        String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        return name.isEmpty() ? null : "127.0.0.1 " + name;
      } catch (IOException | RuntimeException notLinux) {
        return null;
      }
    }
  }

  /** Names mapped now (for messages). */
  public synchronized List<String> names() {
    return new ArrayList<>(entries.keySet());
  }
}
