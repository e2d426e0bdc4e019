/*
 * Issue 9 item 15 and STYLE.md (Kura's lesson: "defaults that differ between code and metatype"): the
 * generated metatype of io.mqttas.session declares, for every key, the default and the bounds of the
 * one table of rules (ConfigRules) that the builder and fromMap use.
 */
package io.mqttas.session.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.mqttas.session.MqttConfig;
import io.mqttas.session.internal.ConfigRule;
import io.mqttas.session.internal.ConfigRules;

class ConfigRulesMetatypeIT {

    /** The metatype bnd generated into the bundle (this is a failsafe test: it runs after packaging). */
    private static List<Element> attributes() throws Exception {
        Path jar = null;
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("target"), "io.mqttas.session-*.jar")) {
            for (Path p : s) {
                jar = p;
            }
        }
        assertTrue(jar != null, "bundle jar not built");
        Document d;
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.JarEntry e = j.getJarEntry("OSGI-INF/metatype/" + SessionComponent.PID + ".xml");
            assertNotNull(e, "the bundle carries the metatype");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            d = f.newDocumentBuilder().parse(j.getInputStream(e));
        }
        NodeList ads = d.getElementsByTagNameNS("*", "AD");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < ads.getLength(); i++) {
            out.add((Element) ads.item(i));
        }
        return out;
    }

    private static String text(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase();
        }
        return String.valueOf(v);
    }

    private static String number(String s) {
        double d = Double.parseDouble(s);
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    @Test
    void everyMetatypeKeyHasTheDefaultAndBoundsOfItsRule() throws Exception {
        MqttConfig defaults = MqttConfig.builder().server("b").build();
        int checked = 0;
        for (Element ad : attributes()) {
            String id = ad.getAttribute("id");
            String key = id.startsWith("ssl_params.") ? "ssl_params" : id.startsWith("mqttv5_con_props.") ? "mqttv5_con_props" : id;
            ConfigRule<?> rule = ConfigRules.byKey(key);
            assertNotNull(rule, "metatype key " + id + " is not in the rules table");
            if (key.equals("ssl_params") || key.equals("mqttv5_con_props") || key.equals("will") || key.equals("servers") || key.equals("password")
                    || key.equals("server") || key.equals("client_id")) {
                continue; // structured or required keys: their form's defaults are checked by SessionConfigDefaultsTest
            }
            String dflt = ad.getAttribute("default");
            Object ruleDefault = rule.defaultValue();
            if (ruleDefault == null || "".equals(ruleDefault)) {
                assertTrue(dflt.isEmpty(), id + ": no default in the table, metatype says " + dflt);
            } else if (ruleDefault instanceof Number) {
                assertEquals(number(text(ruleDefault)), number(dflt), id + " default");
            } else {
                assertEquals(text(ruleDefault), dflt, id + " default");
            }
            assertEquals(rule.metaMin() == null ? "" : number(rule.metaMin()), ad.getAttribute("min").isEmpty() ? "" : number(ad.getAttribute("min")),
                    id + " min");
            assertEquals(rule.metaMax() == null ? "" : number(rule.metaMax()), ad.getAttribute("max").isEmpty() ? "" : number(ad.getAttribute("max")),
                    id + " max");
            checked++;
        }
        assertTrue(checked >= 25, "checked " + checked + " keys");
        assertEquals(10_000, defaults.maxQueued());
    }

    @Test
    void everyRuleWithAConfigAdminFormIsInTheMetatype() throws Exception {
        List<String> ids = attributes().stream().map(a -> a.getAttribute("id")).map(i -> i.startsWith("ssl_params.") ? "ssl_params"
                : i.startsWith("mqttv5_con_props.") ? "mqttv5_con_props" : i)
                .toList();
        for (ConfigRule<?> r : ConfigRules.all()) {
            boolean codeOnly = r.range().contains("code only") || List.of("gateway", "configuration_name", "mqttv5_will_props").contains(r.key());
            if (!codeOnly) {
                assertTrue(ids.contains(r.key()), r.key() + " has no metatype attribute: the Kura web UI could not set it");
            }
        }
    }
}
