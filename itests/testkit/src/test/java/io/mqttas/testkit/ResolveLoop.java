package io.mqttas.testkit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Child JVM for HostsFileTest: resolves each name read from stdin and prints the outcome. */
public final class ResolveLoop {
  private ResolveLoop() {}

  public static void main(String[] args) throws Exception {
    System.out.println("READY " + System.getProperty(HostsFile.PROPERTY));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String name;
    while ((name = in.readLine()) != null) {
      if (name.equals("exit")) {
        System.exit(3);
      }
      try {
        InetAddress a = name.equals("@localhost") ? InetAddress.getLocalHost() : InetAddress.getByName(name);
        System.out.println("RESOLVED " + name + " " + a.getHostAddress());
      } catch (Exception e) {
        System.out.println("FAILED " + name + " " + e.getClass().getSimpleName());
      }
    }
  }
}
