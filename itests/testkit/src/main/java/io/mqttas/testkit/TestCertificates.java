// Test kit: a throw-away PKI for TLS tests (issue 3 item 13): a CA, a server certificate for
// 127.0.0.1/localhost, a server certificate for a wrong host name, a client certificate, and a
// second unrelated CA for bad-certificate tests. Generated with Debian's openssl CLI (EC P-256: fast).
package io.mqttas.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** PEM files of a test PKI in one directory, plus JDK key stores built from them. */
public final class TestCertificates {

  private static final String OPENSSL = "openssl";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);
  private static volatile TestCertificates shared;

  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /**
   * One set per JVM, generated on first use in a temp directory deleted at JVM exit. Generation
   * takes a few hundred ms, so test classes share it.
   */
  public static synchronized TestCertificates shared() {
    if (shared == null) {
      try {
        Path d = Files.createTempDirectory("mqttas-pki");
        TempFiles.deleteOnExit(d);
        shared = generate(d);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Generates the whole set into {@code dir} (created if missing). */
  public static TestCertificates generate(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestCertificates c = new TestCertificates(dir);
    c.selfSignedCa("ca", "mqttas test CA");
    c.selfSignedCa("wrong-ca", "mqttas unrelated CA");
    c.leaf("server", "localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    c.leaf("server-wrong-host", "not-this-host.invalid",
        "subjectAltName=DNS:not-this-host.invalid\nextendedKeyUsage=serverAuth\n");
    c.leaf("client", "mqttas-test-client", "extendedKeyUsage=clientAuth\n");
    return c;
  }

  public Path directory() {
    return dir;
  }

  /** The CA that signed the server and client certificates (PEM). */
  public Path caFile() {
    return dir.resolve("ca.crt");
  }

  /** A CA that signed nothing here: trusting only it must make the handshake fail. */
  public Path wrongCaFile() {
    return dir.resolve("wrong-ca.crt");
  }

  public Path serverCertFile() {
    return dir.resolve("server.crt");
  }

  public Path serverKeyFile() {
    return dir.resolve("server.key");
  }

  /** A server certificate signed by the right CA but for the host "not-this-host.invalid". */
  public Path wrongHostCertFile() {
    return dir.resolve("server-wrong-host.crt");
  }

  public Path wrongHostKeyFile() {
    return dir.resolve("server-wrong-host.key");
  }

  public Path clientCertFile() {
    return dir.resolve("client.crt");
  }

  /** The client's private key, PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
  public Path clientKeyFile() {
    return dir.resolve("client.key");
  }

  /** A JDK trust store holding only the given CA file. */
  public static KeyStore trustStore(Path caPem) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      int i = 0;
      for (Certificate cert : readCertificates(caPem)) {
        ks.setCertificateEntry("ca" + i++, cert);
      }
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build trust store from " + caPem, e);
    }
  }

  /** A JDK key store with the client key and certificate under alias "client", password "changeit". */
  public KeyStore clientKeyStore() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      List<Certificate> chain = new ArrayList<>(readCertificates(clientCertFile()));
      chain.addAll(readCertificates(caFile()));
      ks.setKeyEntry("client", readPrivateKey(clientKeyFile()), "changeit".toCharArray(), chain.toArray(new Certificate[0]));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build client key store", e);
    }
  }

  /** An SSLContext trusting {@code caPem}; with the client certificate when {@code withClientCert}. */
  public SSLContext sslContext(Path caPem, boolean withClientCert) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(caPem));
      KeyManagerFactory kmf = null;
      if (withClientCert) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(clientKeyStore(), "changeit".toCharArray());
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build SSLContext", e);
    }
  }

  private static List<Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }

  private static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem);
    String b64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(b64);
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private void selfSignedCa(String name, String cn) {
    genKey(name);
    openssl("req", "-x509", "-new", "-key", file(name + ".key"), "-subj", "/CN=" + cn, "-days", "30",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-out", file(name + ".crt"));
  }

  private void leaf(String name, String cn, String extensions) {
    genKey(name);
    openssl("req", "-new", "-key", file(name + ".key"), "-subj", "/CN=" + cn, "-out", file(name + ".csr"));
    Path ext = dir.resolve(name + ".ext");
    try {
      Files.writeString(ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n" + extensions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl("x509", "-req", "-in", file(name + ".csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"),
        "-CAcreateserial", "-days", "30", "-extfile", ext.toString(), "-out", file(name + ".crt"));
  }

  private void genKey(String name) {
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file(name + ".key"));
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  private static void openssl(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(OPENSSL);
    cmd.addAll(List.of(args));
    ExternalCommand.run(cmd, null, STEP_TIMEOUT).requireSuccess();
  }
}
