/*
 * Issue 10 item 6: the public surface of a type as plain text lines, so that a mirrored type can be
 * compared with the list written from Eclipse Kura 5.5's own source (KURA_5.5.0_RELEASE).
 */
package io.mqttas.kura.mirror;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line per public or protected member: {@code type …} first, then enum constants in declaration
 * order, then fields, constructors and methods sorted. Constant values are part of a field's line
 * because compilers inline them into our bundles. Synthetic and bridge members are left out.
 */
final class Signatures {
    private static final int SHOWN = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
            | Modifier.ABSTRACT;

    private Signatures() {
    }

    static List<String> of(Class<?> c) {
        List<String> lines = new ArrayList<>();
        lines.add(header(c));
        if (c.isEnum()) {
            for (Object constant : c.getEnumConstants()) {
                lines.add("constant " + ((Enum<?>) constant).name());
            }
        }
        List<String> members = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic() && !f.isEnumConstant()) {
                members.add(field(f));
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers()) && !k.isSynthetic()) {
                members.add("constructor " + modifiers(k.getModifiers()) + typeParameters(k.getTypeParameters())
                        + simpleName(c) + parameters(k) + exceptions(k));
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                members.add("method " + modifiers(m.getModifiers()) + (m.isDefault() ? "default " : "")
                        + typeParameters(m.getTypeParameters()) + m.getGenericReturnType().getTypeName() + " "
                        + m.getName() + parameters(m) + exceptions(m));
            }
        }
        members.sort(null);
        lines.addAll(members);
        return lines;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String header(Class<?> c) {
        String kind = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum" : "class";
        int mods = c.getModifiers() & (c.isInterface() || c.isEnum() ? Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC : SHOWN);
        StringBuilder b = new StringBuilder("type ").append(modifiers(mods)).append(kind).append(' ')
                .append(c.getName()).append(typeParameters(c.getTypeParameters()).trim());
        Type sup = c.getGenericSuperclass();
        if (sup != null && sup != Object.class && !c.isEnum()) {
            b.append(" extends ").append(sup.getTypeName());
        }
        Type[] interfaces = c.getGenericInterfaces();
        if (interfaces.length > 0) {
            b.append(c.isInterface() ? " extends " : " implements ").append(Arrays.stream(interfaces)
                    .map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return b.toString();
    }

    private static String field(Field f) {
        StringBuilder b = new StringBuilder("field ").append(modifiers(f.getModifiers()))
                .append(f.getGenericType().getTypeName()).append(' ').append(f.getName());
        int constant = Modifier.STATIC | Modifier.FINAL;
        if ((f.getModifiers() & constant) == constant && (f.getType().isPrimitive() || f.getType() == String.class)) {
            try {
                f.setAccessible(true);
                Object v = f.get(null);
                b.append(" = ").append(v instanceof String s ? '"' + s + '"' : String.valueOf(v));
            } catch (ReflectiveOperationException | RuntimeException e) {
                b.append(" = ?");
            }
        }
        return b.toString();
    }

    private static String modifiers(int mods) {
        String s = Modifier.toString(mods & SHOWN);
        return s.isEmpty() ? "" : s + " ";
    }

    private static String typeParameters(TypeVariable<?>[] vars) {
        if (vars.length == 0) {
            return "";
        }
        return "<" + Arrays.stream(vars).map(v -> {
            String bounds = Arrays.stream(v.getBounds()).filter(t -> t != Object.class).map(Type::getTypeName)
                    .collect(Collectors.joining(" & "));
            return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + bounds;
        }).collect(Collectors.joining(", ")) + "> ";
    }

    private static String parameters(Executable e) {
        Type[] types = e.getGenericParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String t = types[i].getTypeName();
            if (e.isVarArgs() && i == types.length - 1 && t.endsWith("[]")) {
                t = t.substring(0, t.length() - 2) + "...";
            }
            names.add(t);
        }
        return "(" + String.join(", ", names) + ")";
    }

    private static String exceptions(Executable e) {
        Type[] thrown = e.getGenericExceptionTypes();
        if (thrown.length == 0) {
            return "";
        }
        return " throws " + Arrays.stream(thrown).map(Type::getTypeName).sorted().collect(Collectors.joining(", "));
    }

    private static String simpleName(Class<?> c) {
        String n = c.getName();
        return n.substring(n.lastIndexOf('.') + 1);
    }
}
