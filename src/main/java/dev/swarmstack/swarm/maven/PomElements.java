package dev.swarmstack.swarm.maven;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * A goal's configuration read the way Maven binds it to fields: which Java type each element fills, and the element's
 * path as the stack's other errors name it ({@code <services><service>api</service><ports>[2]}).
 */
final class PomElements {

  /**
   * An element found below the goal's configuration.
   *
   * @param path the element path, e.g. {@code <services><service>api</service><replica>}
   * @param parentType the type the enclosing element binds to
   * @param type the type the element binds to, or null when the enclosing type has no such element
   */
  record Located(String path, Type parentType, Type type) {}

  private final PlexusConfiguration root;
  private final Class<?> goal;

  PomElements(PlexusConfiguration root, Class<?> goal) {
    this.root = root;
    this.goal = goal;
  }

  /** Where {@code target} (the very object, as the configurator reports it) sits; empty when it is not below the root. */
  Optional<Located> locate(PlexusConfiguration target) {
    return find(root, goal, "", target);
  }

  private static Optional<Located> find(
      PlexusConfiguration node, Type type, String path, PlexusConfiguration target) {
    boolean items = isCollection(type);
    for (int i = 0; i < node.getChildCount(); i++) {
      PlexusConfiguration child = node.getChild(i);
      Type childType = type == null ? null : childType(type, child.getName());
      String childPath = path + (items ? itemLabel(child, i) : "<" + child.getName() + ">");
      if (child == target) {
        return Optional.of(new Located(childPath, type, childType));
      }
      Optional<Located> below = find(child, childType, childPath, target);
      if (below.isPresent()) {
        return below;
      }
    }
    return Optional.empty();
  }

  /** A list entry by its {@code <name>}, as {@code <service>api</service>}; else by position, as {@code [2]}. */
  private static String itemLabel(PlexusConfiguration item, int index) {
    PlexusConfiguration name = item.getChild("name", false);
    if (name != null && name.getValue() != null && !name.getValue().isBlank()) {
      return "<" + item.getName() + ">" + name.getValue().trim() + "</" + item.getName() + ">";
    }
    return "[" + (index + 1) + "]";
  }

  /** The type that child element {@code name} of an element of {@code parent} type binds to; null when there is none. */
  static Type childType(Type parent, String name) {
    Class<?> raw = raw(parent);
    if (Collection.class.isAssignableFrom(raw)) {
      return parent instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }
    if (raw.isArray()) {
      return raw.getComponentType();
    }
    if (Map.class.isAssignableFrom(raw)) {
      return String.class;
    }
    for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getName().equals(name) && isElement(field)) {
          return field.getGenericType();
        }
      }
    }
    for (Method method : raw.getMethods()) {
      if (method.getParameterCount() == 1
          && elementOf(method).filter(name::equals).isPresent()) {
        return method.getGenericParameterTypes()[0];
      }
    }
    return null;
  }

  /** The elements an element of {@code type} takes: its fields, and what its setters and adders name. */
  static TreeSet<String> elementsOf(Type type) {
    TreeSet<String> names = new TreeSet<>();
    for (Class<?> c = raw(type); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (isElement(field)) {
          names.add(field.getName());
        }
      }
    }
    for (Method method : raw(type).getMethods()) {
      if (method.getParameterCount() == 1) {
        elementOf(method).ifPresent(names::add);
      }
    }
    return names;
  }

  static boolean isCollection(Type type) {
    return type != null
        && (Collection.class.isAssignableFrom(raw(type)) || raw(type).isArray());
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return raw(p.getRawType());
    }
    if (type instanceof GenericArrayType a) {
      return raw(a.getGenericComponentType()).arrayType();
    }
    return Object.class;
  }

  private static boolean isElement(Field field) {
    return !field.isSynthetic() && !Modifier.isStatic(field.getModifiers());
  }

  /** {@code addArg} and {@code setImage} are how Maven fills {@code <arg>} and {@code <image>}; {@code set} alone has none. */
  private static Optional<String> elementOf(Method method) {
    String name = method.getName();
    if ((name.startsWith("set") || name.startsWith("add")) && name.length() > 3) {
      return Optional.of(Character.toLowerCase(name.charAt(3)) + name.substring(4));
    }
    return Optional.empty();
  }
}
