/* Issue 13 item 8: small pieces the embedded broker fixtures share (temp folders, ports, the TLS key store). */
package io.mqttas.interop;

import io.mqttas.testkit.FreePort;
import io.mqttas.testkit.TestCertificates;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

final class Fixtures {

    /** Password of the server key store the embedded brokers read (a throw-away test key). */
    static final String KEY_STORE_PASSWORD = "changeit";

    private Fixtures() {
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a tree; best effort, a left-over file in /tmp must not fail a test. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    /** {@code n} distinct free loopback ports. */
    static int[] freePorts(int n) {
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            int p;
            do {
                p = FreePort.find();
            } while (contains(ports, i, p));
            ports[i] = p;
        }
        return ports;
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** Waits until every port accepts a TCP connection (a broker that says "started" may bind a moment later). */
    static void awaitAccepting(Duration within, String what, int... ports) {
        long end = System.nanoTime() + within.toNanos();
        for (int port : ports) {
            while (!accepts(port)) {
                if (System.nanoTime() - end > 0) {
                    throw new IllegalStateException(what + ": port " + port + " does not accept within " + within);
                }
                sleep(10);
            }
        }
    }

    /** Waits until the ports can be bound again after a stop, so a restart on the same ports works. */
    static void awaitBindable(Duration within, String what, int... ports) {
        for (int port : ports) {
            if (!FreePort.awaitBindable(port, within)) {
                throw new IllegalStateException(what + ": port " + port + " still bound after " + within);
            }
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(FreePort.HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A PKCS#12 key store ("server", password {@link #KEY_STORE_PASSWORD}) holding the test PKI's server
     * key and its chain, for the Java brokers' TLS listeners (Mosquitto reads the PEM files directly).
     */
    static Path serverKeyStore(TestCertificates pki, Path file) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            List<Certificate> chain = new ArrayList<>(certificates(pki.serverCertFile()));
            chain.addAll(certificates(pki.caFile()));
            ks.setKeyEntry("server", privateKey(pki.serverKeyFile()), KEY_STORE_PASSWORD.toCharArray(),
                    chain.toArray(new Certificate[0]));
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, KEY_STORE_PASSWORD.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the server key store " + file, e);
        }
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    // The kit's keys are EC P-256 in PKCS#8 PEM (openssl genpkey).
    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String b64 = Files.readString(pem).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
