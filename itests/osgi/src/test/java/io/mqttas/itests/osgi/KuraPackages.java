/*
 * Issue 10 item 4: what Kura 5.5's DeploymentAgent (org.eclipse.kura.deployment.agent, tag KURA_5.5.0_RELEASE)
 * does with deployment packages, written from its behaviour, so a test can reboot "the way Kura does":
 *  - install: DeploymentAdmin.installDeploymentPackage(stream), then the .dp file is kept in the packages
 *    folder as <name>_<version>.dp and dpa.properties maps <name> to "file:<that path>";
 *  - uninstall: DeploymentPackage.uninstall(), the file and the dpa.properties entry are removed;
 *  - boot: the framework starts with osgi.clean=true (empty cache, so no bundle of ours is left), and the
 *    agent, on activation, installs every package of dpa.properties in the iteration order of
 *    Properties.keySet() (for mqttas-bridge-dp, mqttas-relay-dp, mqttas-client-dp: bridge, relay, client),
 *    one after the other on its single thread; a failing package is logged and the next one is installed.
 */
package io.mqttas.itests.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/** Kura's packages folder and its dpa.properties, driven through a real DeploymentAdmin. */
final class KuraPackages {
    private final Path folder;
    private final Path dpaProperties;

    /** A packages folder (kept across reboots, like /opt/eclipse/kura/packages). */
    KuraPackages(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.dpaProperties = folder.resolve("dpa.properties");
        if (!Files.exists(dpaProperties)) {
            Files.createFile(dpaProperties);
        }
    }

    /** Packages → their file URL, in the order Kura's agent reinstalls them at boot. */
    Map<String, String> bootOrder() throws IOException {
        Properties p = read();
        Map<String, String> order = new LinkedHashMap<>();
        for (Object name : p.keySet()) {   // keySet(), as the agent iterates it: not sorted, not file order
            order.put((String) name, p.getProperty((String) name));
        }
        return order;
    }

    /** Web UI "Install/Upgrade": installs the file and records it for the next boot. */
    DeploymentPackage install(DeploymentAdmin admin, Path dp) throws IOException, DeploymentException {
        DeploymentPackage pkg;
        try (InputStream in = Files.newInputStream(dp)) {
            pkg = admin.installDeploymentPackage(in);
        }
        Path kept = folder.resolve(pkg.getName() + "_" + pkg.getVersion() + ".dp");
        if (!Files.exists(kept) || !Files.isSameFile(dp, kept)) {
            Files.copy(dp, kept, StandardCopyOption.REPLACE_EXISTING);
        }
        Properties p = read();
        p.setProperty(pkg.getName(), "file:" + kept);
        write(p);
        return pkg;
    }

    /** Web UI "Uninstall". */
    void uninstall(DeploymentAdmin admin, String name) throws IOException, DeploymentException {
        DeploymentPackage pkg = admin.getDeploymentPackage(name);
        if (pkg == null) {
            throw new IllegalStateException("no deployment package " + name);
        }
        pkg.uninstall();
        Properties p = read();
        String url = p.getProperty(name);
        if (url != null) {
            Files.deleteIfExists(Path.of(URI.create(url).getPath()));
        }
        p.remove(name);
        write(p);
    }

    /** The agent's activation after a reboot: every recorded package, in boot order; returns the failures by name. */
    Map<String, Exception> reinstallAtBoot(DeploymentAdmin admin) throws IOException {
        Map<String, Exception> failed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : bootOrder().entrySet()) {
            try (InputStream in = Files.newInputStream(Path.of(URI.create(e.getValue()).getPath()))) {
                admin.installDeploymentPackage(in);
            } catch (IOException | DeploymentException | RuntimeException ex) {
                failed.put(e.getKey(), ex);
            }
        }
        return failed;
    }

    private Properties read() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dpaProperties)) {
            p.load(r);
        }
        return p;
    }

    private void write(Properties p) throws IOException {
        try (Writer w = Files.newBufferedWriter(dpaProperties)) {
            p.store(w, null);
        }
    }
}
