/*
 * Issue 4 item 9: each .dp installs through a real DeploymentAdmin (Felix's, as on Kura) into a framework
 * that has the Kura runtime stand-ins but none of our bundles, starts its bundles, and uninstalls cleanly.
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

class DeploymentPackageIT {

    private static List<Path> dps() throws Exception {
        try (Stream<Path> s = Files.list(FelixRuntime.BUNDLES.resolve("dps"))) {
            return s.filter(p -> p.toString().endsWith(".dp")).sorted().toList();
        }
    }

    /** The client package first: the bridge and relay packages use the client's bundles (as on Kura). */
    private static List<Path> inInstallOrder(List<Path> dps) {
        List<Path> ordered = new ArrayList<>(dps);
        ordered.sort((x, y) -> Boolean.compare(!x.getFileName().toString().startsWith("mqttas-client"),
                !y.getFileName().toString().startsWith("mqttas-client")));
        return ordered;
    }

    @Test
    void everyDeploymentPackageInstallsStartsAndUninstalls() throws Exception {
        List<Path> dps = inInstallOrder(dps());
        assertFalse(dps.isEmpty(), "no .dp found under " + FelixRuntime.BUNDLES.resolve("dps"));
        try (FelixRuntime rt = FelixRuntime.start("dp", "runtime", "scr21", "kura", "dpadmin")) {
            rt.assertAllActive();
            DeploymentAdmin admin = rt.service(DeploymentAdmin.class, 10_000);
            assertNotNull(admin, "DeploymentAdmin");
            List<DeploymentPackage> installed = new ArrayList<>();
            List<List<String>> contents = new ArrayList<>();
            for (Path file : dps) {
                DeploymentPackage dp;
                try (InputStream in = Files.newInputStream(file)) {
                    dp = admin.installDeploymentPackage(in);
                }
                List<String> names = new ArrayList<>();
                for (BundleInfo info : dp.getBundleInfos()) {
                    names.add(info.getSymbolicName());
                    Bundle b = dp.getBundle(info.getSymbolicName());
                    assertNotNull(b, info.getSymbolicName() + " installed from " + file.getFileName());
                    assertEquals(Bundle.ACTIVE, b.getState(), info.getSymbolicName() + " started");
                    assertFalse(info.getSymbolicName().equals("io.mqttas.kura.api.mirror") || info.getSymbolicName().startsWith("org.eclipse.kura")
                            || info.getSymbolicName().startsWith("org.apache.felix") || info.getSymbolicName().startsWith("org.osgi"),
                            "a .dp holds our bundles and their libraries, never the Kura API mirror or runtime: " + info.getSymbolicName());
                }
                assertFalse(names.isEmpty(), file.getFileName() + " holds no bundle");
                rt.assertAllActive();
                assertNotNull(admin.getDeploymentPackage(dp.getName()));
                installed.add(dp);
                contents.add(names);
            }
            for (int i = installed.size() - 1; i >= 0; i--) {
                DeploymentPackage dp = installed.get(i);
                dp.uninstall();
                for (String bsn : contents.get(i)) {
                    assertTrue(Arrays.stream(rt.context().getBundles()).noneMatch(b -> bsn.equals(b.getSymbolicName())),
                            bsn + " still installed after uninstalling " + dp.getName());
                }
                assertNull(admin.getDeploymentPackage(dp.getName()), dp.getName() + " still listed");
            }
            rt.assertAllActive();
        }
    }
}
