/*
 * The "done when": our bundles import only org.osgi.framework [1.9,2), DS 1.4, org.slf4j [1.7,2)
 * and our own / Kura API packages, so they install on Kura 5.5 (Equinox 3.16, SCR 2.1.16) as they are.
 */
package io.mqttas.itests.osgi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses OSGi manifest headers (clauses separated by commas outside quotes) and checks our import rules. */
final class ManifestRules {
    /** JDK packages outside java.* (bnd imports them; Equinox and Felix export them from the JRE, unversioned). */
    /** Third-party libraries our bundles may use (DESIGN/BRIEFING: jSerialComm for serial ports, a real JSON parser). */
    static final java.util.List<String> LIBRARIES = java.util.List.of("com.fazecast.jSerialComm", "com.google.gson");
    static final java.util.Set<String> JDK = java.util.Set.of("javax.net", "javax.net.ssl", "javax.security.auth.x500",
            "javax.crypto", "javax.crypto.spec");
    private ManifestRules() {
    }

    /** Clause → its attributes/directives text; e.g. "org.slf4j" → "version=\"[1.7,2)\"". */
    static Map<String, String> clauses(String header) {
        Map<String, String> result = new LinkedHashMap<>();
        if (header == null) {
            return result;
        }
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            result.put(parts.get(0).trim(), String.join(";", parts.subList(1, parts.size())).trim());
        }
        return result;
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Violations of the import rules in one bundle's Import-Package header (empty = fine). */
    static List<String> importViolations(String bundle, String importPackage) {
        List<String> bad = new ArrayList<>();
        clauses(importPackage).forEach((pkg, attrs) -> {
            String version = attr(attrs, "version");
            if (pkg.equals("org.osgi.framework")) {
                if (!"[1.9,2)".equals(version)) {
                    bad.add(bundle + ": org.osgi.framework version " + version + " (Kura 5.5 exports 1.9)");
                }
            } else if (pkg.equals("org.slf4j")) {
                if (!"[1.7,2)".equals(version)) {
                    bad.add(bundle + ": org.slf4j version " + version + " (Kura 5.5 ships 1.7.36)");
                }
            } else if (LIBRARIES.stream().anyMatch(pkg::startsWith)) {
                if (version == null) {
                    bad.add(bundle + ": " + pkg + " has no version range");
                }
                return;   // the field's standard library for the job, shipped in the .dp (jSerialComm) or by Kura (Gson)
            } else if (JDK.contains(pkg)) {
                return;   // a JDK package: every framework's system bundle exports it, without a version
            } else if (!pkg.startsWith("io.mqttas.") && !pkg.equals("org.eclipse.kura") && !pkg.startsWith("org.eclipse.kura.")) {
                bad.add(bundle + ": imports " + pkg + " " + attrs);
            }
            if (version == null) {
                bad.add(bundle + ": " + pkg + " has no version range");
            }
        });
        return bad;
    }

    /** Violations of the DS rule: SCR extender 1.4 (Kura's SCR 2.1.16), nothing newer. */
    static List<String> capabilityViolations(String bundle, String requireCapability, boolean hasComponents) {
        List<String> bad = new ArrayList<>();
        Map<String, String> caps = clauses(requireCapability);
        for (Map.Entry<String, String> e : caps.entrySet()) {
            if (e.getValue().contains("osgi.extender=osgi.component") && !e.getValue().contains("(version>=1.4.0)")) {
                bad.add(bundle + ": DS requirement is not 1.4: " + e.getValue());
            }
        }
        if (hasComponents && (requireCapability == null || !requireCapability.contains("osgi.extender=osgi.component"))) {
            bad.add(bundle + ": has components but no osgi.extender requirement");
        }
        return bad;
    }

    private static String attr(String attrs, String name) {
        for (String a : split(attrs, ';')) {
            String t = a.trim();
            if (t.startsWith(name + "=")) {
                String v = t.substring(name.length() + 1).trim();
                return v.startsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }
}
