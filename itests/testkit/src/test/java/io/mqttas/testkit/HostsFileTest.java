package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The DNS fault works in a real JVM: a rewrite of the file changes the very next lookup. */
class HostsFileTest {

  private static final Duration STEP = Duration.ofSeconds(20);

  private static String ask(ChildJvm child, String name) {
    child.send(name);
    return child.awaitLine(l -> (l.startsWith("RESOLVED " + name + " ")
        || l.startsWith("FAILED " + name + " ")), STEP);
  }

  @Test
  void aChildJvmSeesEveryRewriteAtItsNextLookup() {
    HostsFile dns = HostsFile.create().map("broker.soak.test", "127.0.0.1");
    try (ChildJvm child = ChildJvm.builder(ResolveLoop.class).jvmOptions(dns.jvmOptions()).start()) {
      child.awaitLine(l -> l.startsWith("READY "), STEP);
      assertEquals("RESOLVED broker.soak.test 127.0.0.1", ask(child, "broker.soak.test"));

      dns.remove("broker.soak.test");
      assertEquals("FAILED broker.soak.test UnknownHostException", ask(child, "broker.soak.test"), "name removed");
      assertEquals("FAILED broker.soak.test UnknownHostException", ask(child, "broker.soak.test"), "still removed");

      dns.map("broker.soak.test", "127.0.0.2");
      assertEquals("RESOLVED broker.soak.test 127.0.0.2", ask(child, "broker.soak.test"), "points elsewhere");
      dns.map("broker.soak.test", "127.0.0.1");
      assertEquals("RESOLVED broker.soak.test 127.0.0.1", ask(child, "broker.soak.test"), "healed: no negative caching");

      assertTrue(ask(child, "@localhost").startsWith("RESOLVED @localhost "), "getLocalHost() still works");
      assertEquals("RESOLVED localhost 127.0.0.1", ask(child, "localhost"));
      assertEquals("FAILED www.example.com UnknownHostException", ask(child, "www.example.com"),
          "nothing comes from the real resolver");

      child.send("exit");
      assertEquals(3, child.awaitExit(STEP), child.errorTail());
    }
  }

  @Test
  void hangBlocksLookupsUntilReleasedThenTheStuckOneFailsAndNewOnesAnswer() {
    HostsFile dns = HostsFile.create().map("broker.soak.test", "127.0.0.1");
    try (ChildJvm child = ChildJvm.builder(ResolveLoop.class).jvmOptions(dns.jvmOptions()).start()) {
      child.awaitLine(l -> l.startsWith("READY "), STEP);
      assertEquals("RESOLVED broker.soak.test 127.0.0.1", ask(child, "broker.soak.test"));
      dns.hang();
      child.send("broker.soak.test");
      assertThrows(AssertionError.class, () -> child.awaitLine(l -> l.contains("broker.soak.test"), Duration.ofMillis(1500)),
          "a lookup must not answer while the DNS hangs");
      dns.map("broker.soak.test", "127.0.0.3"); // takes effect at the release
      dns.release();
      assertEquals("FAILED broker.soak.test UnknownHostException",
          child.awaitLine(l -> l.contains("broker.soak.test"), STEP), "the stuck lookup ends with a failure");
      assertEquals("RESOLVED broker.soak.test 127.0.0.3", ask(child, "broker.soak.test"), "new lookups answer");
      dns.release(); // idempotent
      child.send("exit");
      assertEquals(3, child.awaitExit(STEP), child.errorTail());
    }
  }

  @Test
  void currentRefusesAJvmThatWasNotStartedWithTheFile() {
    IllegalStateException e = assertThrows(IllegalStateException.class, HostsFile::current);
    assertTrue(e.getMessage().contains("-Djdk.net.hosts.file="), e.getMessage());
    assertTrue(e.getMessage().contains("-Djava.security.properties="), e.getMessage());
  }

  @Test
  void aChildThatPrintsNothingFailsWithItsOutputInTheMessage() {
    try (ChildJvm child = ChildJvm.builder(ResolveLoop.class).start()) {
      child.awaitLine(l -> l.startsWith("READY "), STEP);
      child.send("exit");
      AssertionError e = assertThrows(AssertionError.class, () -> child.awaitLine(l -> l.equals("never"), STEP));
      assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
      assertTrue(e.getMessage().contains("READY"), e.getMessage());
    }
  }
}
