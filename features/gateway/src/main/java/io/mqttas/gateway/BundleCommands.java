/*
 * Issue 14 item 2 (docs/osgi.md §1 "Hot swap from the shell"): the shell's `update` and `refresh`, as an
 * OSGi user types them, without the two traps of Gogo command 1.1.2 (the newest served): `refresh` with
 * no argument throws a NullPointerException there, and a failed `update` still stops and restarts the
 * bundle (so its components reconnect) before it fails.
 */
package io.mqttas.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Registered as Gogo commands {@code felix:update} and {@code felix:refresh} with a service ranking above
 * Gogo's own, so plain {@code update} and {@code refresh} reach these (Gogo picks the highest-ranked
 * target of a command name). Other Gogo commands are untouched.
 *
 * <p>{@code update <id> [url]} reads the new jar completely first and checks it (a readable jar, a
 * manifest, the same {@code Bundle-SymbolicName}); only then does the framework see it, so a missing,
 * truncated or foreign file leaves the running bundle and its components untouched. With a URL, the
 * checked jar also replaces the bundle's file in the bundles folder, so the new version survives a
 * restart. {@code refresh [ids…]} with no argument refreshes every bundle waiting for it (the old
 * revisions left by updates) and waits for the framework to finish.
 */
public final class BundleCommands {
    static final int RANKING = 1000;
    private static final long MAX_JAR_BYTES = 256L * 1024 * 1024;
    private static final long REFRESH_SECONDS = 120;

    private final BundleContext ctx;

    BundleCommands(BundleContext ctx) {
        this.ctx = ctx;
    }

    static ServiceRegistration<?> register(BundleContext ctx) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("osgi.command.scope", "felix");
        p.put("osgi.command.function", new String[] {"update", "refresh"});
        p.put(Constants.SERVICE_RANKING, RANKING);
        p.put(Constants.SERVICE_DESCRIPTION, "mqttas gateway: update with a check first, refresh without arguments");
        return ctx.registerService(Object.class.getName(), new BundleCommands(ctx), p);
    }

    /** {@code update <id>}: re-reads the bundle from its location. */
    public String update(Bundle bundle) {
        return update(bundle, null);
    }

    /** {@code update <id> <url>}: reads the bundle from {@code url} (and keeps it in the bundles folder). */
    public String update(Bundle bundle, String url) {
        if (bundle.getBundleId() == 0) {
            return "update 0 would restart the whole gateway; to stop it type: stop 0";
        }
        String source = url != null ? url : bundle.getLocation();
        byte[] jar;
        try {
            jar = read(source);
            check(bundle, jar, source);
        } catch (IOException | IllegalArgumentException e) {
            return "update " + bundle.getBundleId() + " refused, nothing changed: " + e.getMessage();
        }
        String before = bundle.getVersion().toString();
        try {
            Path file = fileOf(bundle.getLocation());
            if (url != null && file != null) {
                BundleFolder.write(file, jar);
            }
            bundle.update(new ByteArrayInputStream(jar));
        } catch (IOException | BundleException | IllegalStateException e) {
            return "update " + bundle.getBundleId() + " failed: " + e.getMessage();
        }
        boolean pending = ctx.getBundle(0).adapt(FrameworkWiring.class).getRemovalPendingBundles().contains(bundle);
        return "Bundle " + bundle.getBundleId() + " " + bundle.getSymbolicName() + " updated (" + before + " -> "
                + bundle.getVersion() + ") from " + source
                + (pending ? "\nBundles still use its old revision: type refresh to rewire them." : "");
    }

    /** {@code refresh} (no argument): every bundle waiting for a refresh; {@code refresh <id>…}: those. */
    public String refresh(Bundle[] bundles) throws InterruptedException {
        FrameworkWiring wiring = ctx.getBundle(0).adapt(FrameworkWiring.class);
        Collection<Bundle> which = bundles == null || bundles.length == 0 ? null : Arrays.asList(bundles);
        if (which == null && wiring.getRemovalPendingBundles().isEmpty()) {
            return "Nothing to refresh: no bundle uses an old revision.";
        }
        List<Bundle> affected = new ArrayList<>(wiring.getDependencyClosure(which == null ? wiring.getRemovalPendingBundles() : which));
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] error = new Throwable[1];
        wiring.refreshBundles(which, event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                error[0] = event.getThrowable();
            }
            done.countDown();
        });
        if (!done.await(REFRESH_SECONDS, TimeUnit.SECONDS)) {
            return "refresh still running after " + REFRESH_SECONDS + " s; see lb";
        }
        StringBuilder sb = new StringBuilder("Refreshed " + affected.size() + " bundle(s).");
        if (error[0] != null) {
            sb.append(" Error: ").append(error[0]);
        }
        for (Bundle b : affected) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                sb.append("\n  not active: ").append(b.getBundleId()).append(' ').append(b.getSymbolicName()).append(' ')
                        .append(Gateway.state(b.getState()));
            }
        }
        return sb.toString();
    }

    private static byte[] read(String source) throws IOException {
        URL u;
        try {
            u = new URI(source).toURL();
        } catch (Exception e) {
            throw new IOException("not a URL: " + source + " (give e.g. file:/path/to/bundle.jar)");
        }
        try (InputStream in = u.openStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_JAR_BYTES + 1));
            if (b.length > MAX_JAR_BYTES) {
                throw new IOException(source + " is larger than " + MAX_JAR_BYTES + " bytes");
            }
            return b;
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IOException("cannot read " + source + ": no such file");
        }
    }

    /** A whole, readable jar whose manifest names the same bundle. */
    static void check(Bundle bundle, byte[] jar, String source) throws IOException {
        Manifest mf;
        // Through the central directory, as the framework reads it: a truncated or damaged jar fails here.
        Path tmp = Files.createTempFile("mqttas-update-", ".jar");
        try {
            Files.write(tmp, jar);
            try (JarFile jf = new JarFile(tmp.toFile(), true)) {
                mf = jf.getManifest();
                for (JarEntry e : java.util.Collections.list(jf.entries())) {
                    try (InputStream in = jf.getInputStream(e)) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());   // checks each entry's CRC
                    }
                }
            } catch (IOException | SecurityException e) {
                throw new IOException(source + " is not a readable jar: " + e.getMessage());
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (mf == null) {
            throw new IOException(source + " has no manifest (is it a bundle?)");
        }
        String bsn = mf.getMainAttributes().getValue(new Attributes.Name(Constants.BUNDLE_SYMBOLICNAME));
        String name = bsn == null ? null : bsn.split(";", 2)[0].trim();
        if (name == null || name.isEmpty()) {
            throw new IOException(source + " has no Bundle-SymbolicName (is it a bundle?)");
        }
        if (!name.equals(bundle.getSymbolicName())) {
            throw new IllegalArgumentException(source + " is bundle " + name + ", not " + bundle.getSymbolicName()
                    + " (to add a new bundle use install)");
        }
    }

    private static Path fileOf(String location) {
        try {
            URI u = new URI(location);
            return "file".equals(u.getScheme()) ? Path.of(u) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
