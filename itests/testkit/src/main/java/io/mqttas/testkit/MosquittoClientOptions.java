// Test kit: connection flags shared by the mosquitto_sub / mosquitto_pub wrappers (an independent
// client to check what really reached the broker).
package io.mqttas.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Host, port, protocol and optional TLS/credentials for mosquitto_sub and mosquitto_pub. */
public final class MosquittoClientOptions {

  String host = FreePort.HOST;
  int port;
  String clientId;
  String user;
  String password;
  Path caFile;
  Path certFile;
  Path keyFile;
  boolean insecure;

  private MosquittoClientOptions(int port) {
    this.port = port;
  }

  /** The broker's plain listener. */
  public static MosquittoClientOptions plain(MosquittoBroker broker) {
    return new MosquittoClientOptions(broker.port());
  }

  /** The broker's TLS listener, trusting the test CA. */
  public static MosquittoClientOptions tls(MosquittoBroker broker) {
    MosquittoClientOptions o = new MosquittoClientOptions(broker.tlsPort());
    o.caFile = broker.certificates().caFile();
    return o;
  }

  public static MosquittoClientOptions port(int port) {
    return new MosquittoClientOptions(port);
  }

  public MosquittoClientOptions clientId(String id) {
    this.clientId = id;
    return this;
  }

  public MosquittoClientOptions credentials(String user, String password) {
    this.user = user;
    this.password = password;
    return this;
  }

  public MosquittoClientOptions caFile(Path ca) {
    this.caFile = ca;
    return this;
  }

  public MosquittoClientOptions clientCertificate(Path cert, Path key) {
    this.certFile = cert;
    this.keyFile = key;
    return this;
  }

  /** Skip host name verification (mosquitto's --insecure). */
  public MosquittoClientOptions insecure(boolean on) {
    this.insecure = on;
    return this;
  }

  List<String> args() {
    List<String> a = new ArrayList<>(List.of("-h", host, "-p", Integer.toString(port), "-V", "mqttv311"));
    if (clientId != null) {
      a.addAll(List.of("-i", clientId));
    }
    if (user != null) {
      a.addAll(List.of("-u", user));
    }
    if (password != null) {
      a.addAll(List.of("-P", password));
    }
    if (caFile != null) {
      a.addAll(List.of("--cafile", caFile.toString()));
    }
    if (certFile != null) {
      a.addAll(List.of("--cert", certFile.toString(), "--key", keyFile.toString()));
    }
    if (insecure) {
      a.add("--insecure");
    }
    return a;
  }
}
