package io.vitrina.server.input;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed reads of JSON fields that collect problems instead of throwing at the first, so that a
 * client learns everything wrong with an entry at once. Every read remembers the field it asked
 * for, so that once a parser has read an object, {@link #refuseUnknown} can name the fields it
 * never asked for: the reads are the schema.
 */
public final class JsonFields {
  public static final int MAX_ID_LENGTH = 200;
  public static final int MAX_TEXT_LENGTH = 20_000;

  /**
   * Values that become single index terms (brand, categories, tags, attributes). Lucene refuses a
   * term over 32,766 UTF-8 bytes; 1,000 characters stay far below it in any script.
   */
  public static final int MAX_TERM_LENGTH = 1_000;

  public static final int MAX_LIST_SIZE = 200;

  private final JsonObject json;
  private final String prefix;
  private final List<Problem> problems;

  /** The fields the reads asked for, present or not, in the order asked. */
  private final Set<String> asked = new LinkedHashSet<>();

  public JsonFields(JsonObject json, String prefix, List<Problem> problems) {
    this.json = json;
    this.prefix = prefix;
    this.problems = problems;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** What the paths of this object's problems begin with ({@code rules[1].}). */
  public String prefix() {
    return prefix;
  }

  private String path(String field) {
    return prefix + field;
  }

  public void problem(String field, String message) {
    problems.add(new Problem(-1, path(field), message));
  }

  /**
   * The field's value as it is (null when absent), for a field of a shape the typed reads do not
   * cover; it counts as read.
   */
  public Object value(String field) {
    asked.add(field);
    return json.getValue(field);
  }

  /**
   * A problem for every field of the object that no read asked for, naming the nearest known field
   * when one is close ({@code lmit}: did you mean {@code limit}?). Call it after the last read.
   *
   * @param alsoKnown fields the parser accepts without reading them every time (one read only when
   *     another is absent, one that is only echoed back)
   */
  public void refuseUnknown(String... alsoKnown) {
    Set<String> known = known(alsoKnown);
    for (String field : json.fieldNames())
      if (!known.contains(field)) problem(field, UnknownNames.field(field, known));
  }

  /**
   * Like {@link #refuseUnknown}, but only for fields a typo away from a known one: for objects that
   * also carry other systems' fields, such as a tag manager's event parameters.
   */
  public void refuseMisspelled(String... alsoKnown) {
    Set<String> known = known(alsoKnown);
    for (String field : json.fieldNames()) {
      if (known.contains(field)) continue;
      String message = UnknownNames.misspelledField(field, known);
      if (message != null) problem(field, message);
    }
  }

  private Set<String> known(String... alsoKnown) {
    Set<String> known = new LinkedHashSet<>(asked);
    known.addAll(List.of(alsoKnown));
    return known;
  }

  public String id(String field, boolean required) {
    Object raw = value(field);
    if (raw == null) {
      if (required) problem(field, "is required");
      return null;
    }
    return idValue(field, raw);
  }

  private String idValue(String field, Object raw) {
    // Stores often send numeric ids; they are the same id as their decimal text.
    String id =
        raw instanceof Number n && !(raw instanceof Double || raw instanceof Float)
            ? n.toString()
            : raw instanceof String s ? s.trim() : null;
    if (id == null) problem(field, "must be a string, was " + typeOf(raw));
    else if (id.isEmpty()) problem(field, "must not be empty");
    else if (id.length() > MAX_ID_LENGTH)
      problem(field, "is longer than " + MAX_ID_LENGTH + " characters");
    else return id;
    return null;
  }

  public String text(String field, boolean required) {
    Object raw = value(field);
    if (raw == null) {
      if (required) problem(field, "is required");
      return null;
    }
    if (!(raw instanceof String s)) {
      problem(field, "must be a string, was " + typeOf(raw));
      return null;
    }
    if (s.length() > MAX_TEXT_LENGTH) {
      problem(field, "is longer than " + MAX_TEXT_LENGTH + " characters");
      return null;
    }
    if (required && s.isBlank()) problem(field, "must not be empty");
    return s;
  }

  public Double number(String field, boolean required, double min) {
    Object raw = value(field);
    if (raw == null) {
      if (required) problem(field, "is required");
      return null;
    }
    Double value = raw instanceof Number n ? n.doubleValue() : parseNumber(raw);
    if (value == null || value.isNaN() || value.isInfinite()) {
      problem(field, "must be a number, was " + typeOf(raw));
      return null;
    }
    if (value < min) {
      problem(
          field,
          "must be at least "
              + (min == Math.rint(min) ? Long.toString((long) min) : Double.toString(min))
              + ", was "
              + value);
      return null;
    }
    return value;
  }

  private static Double parseNumber(Object raw) {
    if (!(raw instanceof String s)) return null;
    try {
      return Double.parseDouble(s.trim()); // feeds send "12.50" as often as 12.5
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public Integer integer(String field, boolean required, int min) {
    Double value = number(field, required, min);
    if (value == null) return null;
    if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
      problem(field, "must be a whole number, was " + value);
      return null;
    }
    return value.intValue();
  }

  public Boolean bool(String field) {
    Object raw = value(field);
    if (raw == null) return null;
    if (raw instanceof Boolean b) return b;
    problem(field, "must be true or false, was " + typeOf(raw));
    return null;
  }

  public Instant instant(String field) {
    Object raw = value(field);
    if (raw == null) return null;
    if (raw instanceof Number n) return Instant.ofEpochMilli(n.longValue());
    if (raw instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        problem(
            field,
            "must be an ISO-8601 instant like 2026-11-23T10:15:30Z or epoch milliseconds, was '"
                + s
                + "'");
        return null;
      }
    }
    problem(field, "must be a timestamp, was " + typeOf(raw));
    return null;
  }

  public List<String> strings(String field) {
    Object raw = value(field);
    if (raw == null) return List.of();
    if (!(raw instanceof JsonArray array)) {
      problem(field, "must be an array of strings, was " + typeOf(raw));
      return List.of();
    }
    if (array.size() > MAX_LIST_SIZE) {
      problem(field, "has " + array.size() + " entries; at most " + MAX_LIST_SIZE);
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object element = array.getValue(i);
      if (!(element instanceof String s) || s.isBlank())
        problem(field + "[" + i + "]", "must be a non-empty string, was " + typeOf(element));
      else if (s.length() > MAX_TERM_LENGTH)
        problem(field + "[" + i + "]", "is longer than " + MAX_TERM_LENGTH + " characters");
      else out.add(s.trim());
    }
    return out;
  }

  /**
   * A required list of item ids, 1 to {@code max} of them: strings, or whole numbers (stores send
   * numeric ids; they are the same id as their decimal text).
   */
  public List<String> ids(String field, int max) {
    Object raw = value(field);
    if (!(raw instanceof JsonArray array) || array.isEmpty()) {
      problem(field, "must be a non-empty array of item ids, was " + typeOf(raw));
      return List.of();
    }
    if (array.size() > max) {
      problem(field, "has " + array.size() + " entries; at most " + max);
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String id = idValue(field + "[" + i + "]", array.getValue(i));
      if (id != null) out.add(id);
    }
    return out;
  }

  /** A short text that is indexed as one term (a brand, a category path). */
  public String term(String field) {
    String value = text(field, false);
    if (value != null && value.length() > MAX_TERM_LENGTH) {
      problem(field, "is longer than " + MAX_TERM_LENGTH + " characters");
      return null;
    }
    return value;
  }

  public JsonArray array(String field) {
    Object raw = value(field);
    if (raw == null) return null;
    if (raw instanceof JsonArray array) return array;
    problem(field, "must be an array, was " + typeOf(raw));
    return null;
  }

  public JsonObject object(String field) {
    Object raw = value(field);
    if (raw == null) return null;
    if (raw instanceof JsonObject object) return object;
    problem(field, "must be an object, was " + typeOf(raw));
    return null;
  }

  public static String typeOf(Object value) {
    if (value == null) return "null";
    if (value instanceof String s)
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    if (value instanceof Number n) return "the number " + n;
    if (value instanceof Boolean b) return b.toString();
    if (value instanceof JsonArray) return "an array";
    if (value instanceof JsonObject) return "an object";
    return value.getClass().getSimpleName();
  }
}
