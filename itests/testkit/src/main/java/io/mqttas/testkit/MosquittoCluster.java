// Test kit (issue 9 item 13): a two-node Mosquitto "cluster" — two brokers joined by Mosquitto's own
// bridge (node 1 bridges `topic # both 1` to node 0, clean session off), the way users scale past one
// broker without a clustered product. A message published on either node reaches subscribers on
// both; a persistent session lives on one node only (a bridge forwards messages, it does not
// replicate sessions), which is exactly what a failing-over client must cope with.
package io.mqttas.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * <pre>{@code
 * try (MosquittoCluster cluster = MosquittoCluster.builder().persistence(true).start()) {
 *   client config: server = cluster.node(0) host/port, servers = cluster.failOverList()
 *   cluster.node(0).stop();        // the node the client uses goes away
 *   cluster.node(0).startAgain();  // and comes back; the bridge reconnects by itself
 *   cluster.awaitBridged(Duration.ofSeconds(20));
 * }
 * }</pre>
 *
 * <p>The bridge runs on node 1 and connects to node 0 ({@code restart_timeout 1}: it retries every
 * second). Its persistent session on node 0 holds what node 0 accepted but had not forwarded yet;
 * with persistence on, a {@code stop()} (SIGTERM) saves it and the restarted node forwards it, a
 * {@code kill()} (SIGKILL) loses it — a property of the broker, not of any client.
 */
public final class MosquittoCluster implements AutoCloseable {

  /** Client id of the bridge's connection on node 0. */
  public static final String BRIDGE_CLIENT_ID = "mqttas-cluster-bridge";
  private static final String PROBE_TOPIC = "mqttas-cluster-probe/";
  private static final AtomicInteger IDS = new AtomicInteger();

  private final List<MosquittoBroker> nodes;

  private MosquittoCluster(List<MosquittoBroker> nodes) {
    this.nodes = nodes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Node 0 (the bridge's remote) or node 1 (runs the bridge). */
  public MosquittoBroker node(int index) {
    return nodes.get(index);
  }

  public List<MosquittoBroker> nodes() {
    return nodes;
  }

  /** "127.0.0.1:p0,127.0.0.1:p1": every node, in order, for a client's fail-over list. */
  public String servers() {
    return node(0).host() + ":" + node(0).port() + "," + node(1).host() + ":" + node(1).port();
  }

  /** The fail-over list after node 0: "127.0.0.1:p1". */
  public String failOverList() {
    return node(1).host() + ":" + node(1).port();
  }

  /**
   * Waits until a message published on each running node reaches a subscriber on the other, i.e.
   * the bridge is up and subscribed in both directions; AssertionError with both logs otherwise.
   */
  public void awaitBridged(Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    int n = IDS.incrementAndGet();
    AtomicLong seenOn0 = new AtomicLong();
    AtomicLong seenOn1 = new AtomicLong();
    String topic = PROBE_TOPIC + n;
    try (ReferenceClient sub0 = subscriber(0, "mqttas-probe-s0-" + n, topic, seenOn0);
         ReferenceClient sub1 = subscriber(1, "mqttas-probe-s1-" + n, topic, seenOn1);
         ReferenceClient pub0 = ReferenceClient.builder(node(0).host(), node(0).port(), "mqttas-probe-p0-" + n).start();
         ReferenceClient pub1 = ReferenceClient.builder(node(1).host(), node(1).port(), "mqttas-probe-p1-" + n).start()) {
      // A probe from node 0 must arrive on node 1 and one from node 1 on node 0; the bridge
      // subscribes a moment after it connects, so keep probing until both made it.
      while (seenOn1.get() == 0 || seenOn0.get() == 0) {
        if (System.nanoTime() - end > 0) {
          throw new AssertionError("the bridge did not carry probes within " + deadline + " (node 0→1: "
              + (seenOn1.get() > 0) + ", node 1→0: " + (seenOn0.get() > 0) + ")\nnode 0 log:\n" + node(0).logTail(15)
              + "\nnode 1 log:\n" + node(1).logTail(15));
        }
        if (seenOn1.get() == 0) {
          pub0.publish(topic, "from-0");
        }
        if (seenOn0.get() == 0) {
          pub1.publish(topic, "from-1");
        }
        Sleep.millis(200);
      }
    }
  }

  private ReferenceClient subscriber(int node, String id, String topic, AtomicLong seen) {
    return ReferenceClient.builder(node(node).host(), node(node).port(), id).subscribe(topic, 1)
        .onMessage(m -> seen.incrementAndGet()).start();
  }

  /** Kills both nodes and deletes their directories. Idempotent. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (MosquittoBroker b : nodes) {
      try {
        b.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "cluster [" + node(0) + "] <-bridge- [" + node(1) + "]";
  }

  /** Options of both nodes; {@link #start()} launches node 0, then node 1 with the bridge, and waits until it carries messages. */
  public static final class Builder {
    private boolean persistence;
    private final List<String> extraLines = new java.util.ArrayList<>();

    private Builder() {}

    /** Persistence on both nodes (sessions, queued QoS 1 and the bridge's backlog survive a stop()). */
    public Builder persistence(boolean on) {
      this.persistence = on;
      return this;
    }

    /** A raw mosquitto.conf line for both nodes (before the bridge section). */
    public Builder configLine(String line) {
      extraLines.add(line);
      return this;
    }

    public MosquittoCluster start() {
      MosquittoBroker.Builder b0 = MosquittoBroker.builder().persistence(persistence);
      extraLines.forEach(b0::configLine);
      MosquittoBroker n0 = b0.start();
      MosquittoBroker n1 = null;
      try {
        MosquittoBroker.Builder b1 = MosquittoBroker.builder().persistence(persistence);
        extraLines.forEach(b1::configLine);
        // The bridge section comes last: every line after "connection" belongs to it.
        b1.configLine("connection mqttas-bridge")
            .configLine("address " + n0.host() + ":" + n0.port())
            .configLine("topic # both 1")
            .configLine("bridge_protocol_version mqttv311")
            .configLine("try_private true")
            .configLine("cleansession false")
            .configLine("remote_clientid " + BRIDGE_CLIENT_ID)
            .configLine("local_clientid " + BRIDGE_CLIENT_ID + "-local")
            .configLine("restart_timeout 1")
            .configLine("keepalive_interval 5")
            .configLine("notifications false")
            .configLine("start_type automatic");
        n1 = b1.start();
        MosquittoCluster c = new MosquittoCluster(List.of(n0, n1));
        c.awaitBridged(Duration.ofSeconds(20));
        return c;
      } catch (RuntimeException | AssertionError e) {
        n0.close();
        if (n1 != null) {
          n1.close();
        }
        throw e;
      }
    }
  }
}
