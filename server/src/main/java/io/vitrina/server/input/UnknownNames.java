package io.vitrina.server.input;

import io.vitrina.engine.search.Spelling;
import java.util.Collection;
import java.util.List;

/**
 * The one wording for a name a request gives that the endpoint does not know: the nearest known
 * name when one is a typo away ({@link Spelling}), else the names it knows.
 */
public final class UnknownNames {
  private UnknownNames() {}

  /** "unknown field; did you mean "limit"?", or the known fields when none is close. */
  static String field(String name, Collection<String> known) {
    return message("field", name, known);
  }

  /** The same for a field a typo away from a known one; null for any other. */
  static String misspelledField(String name, Collection<String> known) {
    List<String> nearest = Spelling.nearest(name, known, 1);
    return nearest.isEmpty() ? null : "unknown field; did you mean \"" + nearest.get(0) + "\"?";
  }

  /** "unknown parameter; did you mean "limit"?", or the known parameters when none is close. */
  static String parameter(String name, Collection<String> known) {
    return message("parameter", name, known);
  }

  /**
   * "unknown {@code kind}; did you mean "brand"?", or "unknown {@code kind}; the {@code kind}s here
   * are …" when no known name is close.
   */
  public static String message(String kind, String name, Collection<String> known) {
    List<String> nearest = Spelling.nearest(name, known, 1);
    if (!nearest.isEmpty()) return "unknown " + kind + "; did you mean \"" + nearest.get(0) + "\"?";
    if (known.isEmpty()) return "unknown " + kind + "; this endpoint takes none";
    return "unknown " + kind + "; the " + kind + "s here are " + String.join(", ", known);
  }
}
