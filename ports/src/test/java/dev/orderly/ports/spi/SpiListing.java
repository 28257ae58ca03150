package dev.orderly.ports.spi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The canonical text listing of an API: one line per public type and per public member, sorted, each
 * line starting with the type's name so that a diff reads as "what changed where".
 *
 * <p>Besides the given types, the listing takes in every type of {@code closurePrefix} that their
 * public signatures mention, transitively, with the public types nested in it: a plugin compiled
 * against the SPI also depends on those.
 *
 * <p>Lines have the form {@code <type> <what> <signature>}, for example
 * {@code dev.orderly.ports.spi.PartitionRulePort method default java.lang.String description()}.
 * Modifiers that matter to a caller or an implementer are kept ({@code static}, {@code abstract},
 * {@code default}, {@code final} for fields and classes); {@code public} is implied.
 */
final class SpiListing {

    private final Set<Class<?>> types;

    private SpiListing(Set<Class<?>> types) {
        this.types = types;
    }

    /** The listing of {@code roots} and of the {@code closurePrefix} types their signatures reach. */
    static SpiListing of(Collection<Class<?>> roots, String closurePrefix) {
        Set<Class<?>> included = new TreeSet<>((left, right) -> left.getName().compareTo(right.getName()));
        Deque<Class<?>> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (!included.add(type)) {
                continue;
            }
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (Modifier.isPublic(nested.getModifiers())) {
                    pending.push(nested);
                }
            }
            for (Class<?> referenced : referencedTypes(type)) {
                if (referenced.getName().startsWith(closurePrefix) && !included.contains(referenced)) {
                    pending.push(referenced);
                }
            }
        }
        return new SpiListing(included);
    }

    /** Every type in the listing, sorted by name. */
    Set<Class<?>> types() {
        return types;
    }

    /** The sorted lines. */
    List<String> lines() {
        Set<String> lines = new TreeSet<>();
        for (Class<?> type : types) {
            lines.addAll(linesOf(type));
        }
        return List.copyOf(lines);
    }

    private static List<String> linesOf(Class<?> type) {
        String name = type.getName();
        List<String> lines = new ArrayList<>();
        lines.add(name + " type " + typeHeader(type));
        for (Annotation annotation : type.getAnnotations()) {
            lines.add(name + " annotation @" + annotation.annotationType().getName());
        }
        if (type.getGenericSuperclass() != null && type.getGenericSuperclass() != Object.class && !type.isInterface()) {
            lines.add(name + " extends " + typeName(type.getGenericSuperclass()));
        }
        for (Type implemented : type.getGenericInterfaces()) {
            lines.add(name + (type.isInterface() ? " extends " : " implements ") + typeName(implemented));
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                lines.add(name + " component " + typeName(component.getGenericType()) + " " + component.getName());
            }
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                lines.add(name + " constant " + ((Enum<?>) constant).name());
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && !field.isEnumConstant() && !field.isSynthetic()) {
                lines.add(name + " field " + annotations(field.getAnnotations()) + fieldModifiers(field.getModifiers())
                        + typeName(field.getGenericType()) + " " + field.getName());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (Modifier.isPublic(constructor.getModifiers()) && !constructor.isSynthetic()) {
                lines.add(name + " constructor " + annotations(constructor.getAnnotations()) + withSpace(typeParameters(constructor.getTypeParameters()))
                        + parameters(constructor) + exceptions(constructor));
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                lines.add(name + " method " + annotations(method.getAnnotations()) + methodModifiers(method)
                        + withSpace(typeParameters(method.getTypeParameters())) + typeName(method.getGenericReturnType()) + " " + method.getName()
                        + parameters(method) + exceptions(method));
            }
        }
        return lines;
    }

    private static String typeHeader(Class<?> type) {
        StringBuilder header = new StringBuilder();
        int modifiers = type.getModifiers();
        if (type.getEnclosingClass() != null && Modifier.isStatic(modifiers) && !type.isEnum() && !type.isRecord() && !type.isInterface()) {
            header.append("static ");
        }
        if (type.isAnnotation()) {
            header.append("@interface");
        } else if (type.isInterface()) {
            header.append(type.isSealed() ? "sealed interface" : "interface");
        } else if (type.isEnum()) {
            header.append("enum");
        } else if (type.isRecord()) {
            header.append("record");
        } else {
            if (Modifier.isAbstract(modifiers)) {
                header.append("abstract ");
            }
            if (Modifier.isFinal(modifiers)) {
                header.append("final ");
            }
            if (type.isSealed()) {
                header.append("sealed ");
            }
            header.append("class");
        }
        return header.append(' ').append(type.getSimpleName()).append(typeParameters(type.getTypeParameters())).toString();
    }

    private static String methodModifiers(Method method) {
        int modifiers = method.getModifiers();
        if (Modifier.isStatic(modifiers)) {
            return "static ";
        }
        if (method.isDefault()) {
            return "default ";
        }
        return Modifier.isAbstract(modifiers) ? "abstract " : "";
    }

    private static String fieldModifiers(int modifiers) {
        return (Modifier.isStatic(modifiers) ? "static " : "") + (Modifier.isFinal(modifiers) ? "final " : "");
    }

    private static String annotations(Annotation[] annotations) {
        return Arrays.stream(annotations).map(annotation -> "@" + annotation.annotationType().getName() + " ").sorted().collect(Collectors.joining());
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        List<String> declared = new ArrayList<>();
        for (TypeVariable<?> variable : variables) {
            List<String> bounds = Arrays.stream(variable.getBounds()).filter(bound -> bound != Object.class).map(SpiListing::typeName).toList();
            declared.add(variable.getName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
        }
        return "<" + String.join(", ", declared) + ">";
    }

    private static String withSpace(String text) {
        return text.isEmpty() ? "" : text + " ";
    }

    private static String parameters(Executable executable) {
        Type[] types = executable.getGenericParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String name = typeName(types[i]);
            if (executable.isVarArgs() && i == types.length - 1 && name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2) + "...";
            }
            names.add(name);
        }
        return "(" + String.join(", ", names) + ")";
    }

    private static String exceptions(Executable executable) {
        Type[] thrown = executable.getGenericExceptionTypes();
        return thrown.length == 0 ? "" : " throws " + Arrays.stream(thrown).map(SpiListing::typeName).collect(Collectors.joining(", "));
    }

    private static String typeName(Type type) {
        return type.getTypeName();
    }

    /** The classes a type's public signatures mention. */
    private static Set<Class<?>> referencedTypes(Class<?> type) {
        List<Type> mentioned = new ArrayList<>();
        mentioned.add(type.getGenericSuperclass());
        mentioned.addAll(Arrays.asList(type.getGenericInterfaces()));
        for (TypeVariable<?> variable : type.getTypeParameters()) {
            mentioned.addAll(Arrays.asList(variable.getBounds()));
        }
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers())) {
                mentioned.add(field.getGenericType());
            }
        }
        List<Executable> executables = new ArrayList<>(Arrays.asList(type.getDeclaredConstructors()));
        executables.addAll(Arrays.asList(type.getDeclaredMethods()));
        for (Executable executable : executables) {
            if (Modifier.isPublic(executable.getModifiers()) && !executable.isSynthetic()) {
                mentioned.addAll(Arrays.asList(executable.getGenericParameterTypes()));
                mentioned.addAll(Arrays.asList(executable.getGenericExceptionTypes()));
                if (executable instanceof Method method) {
                    mentioned.add(method.getGenericReturnType());
                }
            }
        }
        Set<Class<?>> classes = new java.util.HashSet<>();
        mentioned.forEach(each -> collectClasses(each, classes, new java.util.HashSet<>()));
        return classes;
    }

    private static void collectClasses(Type type, Set<Class<?>> classes, Set<Type> visited) {
        if (type == null || !visited.add(type)) {
            return;
        }
        if (type instanceof Class<?> plain) {
            if (plain.isArray()) {
                collectClasses(plain.getComponentType(), classes, visited);
            } else {
                classes.add(plain);
            }
        } else if (type instanceof ParameterizedType parameterized) {
            collectClasses(parameterized.getRawType(), classes, visited);
            collectClasses(parameterized.getOwnerType(), classes, visited);
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> collectClasses(argument, classes, visited));
        } else if (type instanceof GenericArrayType array) {
            collectClasses(array.getGenericComponentType(), classes, visited);
        } else if (type instanceof WildcardType wildcard) {
            Arrays.stream(wildcard.getUpperBounds()).forEach(bound -> collectClasses(bound, classes, visited));
            Arrays.stream(wildcard.getLowerBounds()).forEach(bound -> collectClasses(bound, classes, visited));
        } else if (type instanceof TypeVariable<?> variable) {
            Arrays.stream(variable.getBounds()).forEach(bound -> collectClasses(bound, classes, visited));
        }
    }
}
