/*
 * The OSGi log on the console: SCR reports a component that fails to activate (for example a
 * configuration key with a bad value, named by MqttConfig) only to the OSGi Log Service, which the
 * gateway user would otherwise never see. Warnings and errors are printed to stderr.
 */
package io.mqttas.gateway;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** Adds a LogListener to the framework's LogReaderService, by reflection (the log API is not on the launcher's class path). */
final class FrameworkLog {
    private static final int WARNING = 2;   // LogService.LOG_WARNING; LOG_ERROR is 1

    private FrameworkLog() {
    }

    static void toConsole(BundleContext ctx) {
        try {
            ServiceReference<?> ref = ctx.getServiceReference("org.osgi.service.log.LogReaderService");
            if (ref == null) {
                return;
            }
            Object reader = ctx.getService(ref);
            ClassLoader loader = reader.getClass().getClassLoader();
            Class<?> listenerType = loader.loadClass("org.osgi.service.log.LogListener");
            Object listener = Proxy.newProxyInstance(loader, new Class<?>[] { listenerType }, (proxy, method, args) -> {
                if (method.getName().equals("logged") && args != null && args.length == 1) {
                    print(args[0]);
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "mqttas-gateway console log";
                    default -> null;
                };
            });
            Method add = reader.getClass().getMethod("addLogListener", listenerType);
            add.setAccessible(true);
            add.invoke(reader, listener);
        } catch (Exception e) {
            System.err.println("mqttas gateway: OSGi log not shown on the console (" + e + ")");
        }
    }

    private static void print(Object entry) throws Exception {
        Method level = entry.getClass().getMethod("getLevel");
        level.setAccessible(true);
        int l = (Integer) level.invoke(entry);
        if (l > WARNING) {
            return;
        }
        Method message = entry.getClass().getMethod("getMessage");
        Method bundle = entry.getClass().getMethod("getBundle");
        Method exception = entry.getClass().getMethod("getException");
        message.setAccessible(true);
        bundle.setAccessible(true);
        exception.setAccessible(true);
        Bundle b = (Bundle) bundle.invoke(entry);
        Throwable t = (Throwable) exception.invoke(entry);
        String cause = t == null ? "" : ": " + rootMessage(t);
        System.err.println((l == WARNING ? "WARN  " : "ERROR ") + (b == null ? "" : "[" + b.getSymbolicName() + "] ")
                + message.invoke(entry) + cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.toString();
    }
}
