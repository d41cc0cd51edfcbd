package io.vitrina.server.input;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's query parameters as handlers read them: typed reads that collect every problem with
 * the parameter's name, and remember what they asked for, so that {@link #finish} refuses the
 * parameters no read asked for ({@code limt}: did you mean {@code limit}?) together with the rest.
 * {@code site_key} is known everywhere: the site key may come as a parameter.
 */
public final class QueryParams {
  /** The site key as a parameter, for beacons and links, which cannot set headers. */
  public static final String SITE_KEY = "site_key";

  /** Entries of a comma-separated list, at most: as many as a JSON list may hold. */
  public static final int MAX_LIST_SIZE = JsonFields.MAX_LIST_SIZE;

  private final MultiMap params;
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> asked = new LinkedHashSet<>();

  public QueryParams(MultiMap params) {
    this.params = params;
  }

  public static QueryParams of(RoutingContext ctx) {
    return new QueryParams(ctx.queryParams());
  }

  /**
   * The parameter's trimmed text, or null when it is absent or blank: for a handler that does not
   * read its parameters through an instance yet (it refuses no unknown one); prefer {@link #of}.
   */
  public static String text(MultiMap params, String name) {
    String value = params.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  public void problem(String name, String message) {
    problems.add(new Problem(-1, name, message));
  }

  /** The one value of a parameter, trimmed; null when absent or blank, or given more than once. */
  private String single(String name) {
    asked.add(name);
    List<String> all = params.getAll(name);
    if (all.size() > 1) {
      problem(name, "is given " + all.size() + " times; give it once");
      return null;
    }
    return all.isEmpty() || all.get(0).isBlank() ? null : all.get(0).trim();
  }

  /** Trimmed text of at most {@code maxLength} characters, or null. */
  public String text(String name, int maxLength) {
    String value = single(name);
    if (value != null && value.length() > maxLength) {
      problem(name, "is longer than " + maxLength + " characters");
      return null;
    }
    return value;
  }

  /**
   * An id (a visitor, a customer, an item): at most {@link JsonFields#MAX_ID_LENGTH} characters.
   */
  public String id(String name) {
    return text(name, JsonFields.MAX_ID_LENGTH);
  }

  /** Text that matches {@code pattern}, else a problem saying {@code rule}; or null. */
  public String matching(String name, Pattern pattern, String rule) {
    String value = single(name);
    if (value != null && !pattern.matcher(value).matches()) {
      problem(name, "must be " + rule + ", was '" + value + "'");
      return null;
    }
    return value;
  }

  /** A whole number from {@code min} to {@code max}, or null. */
  public Integer integer(String name, int min, int max) {
    String raw = single(name);
    if (raw == null) return null;
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      problem(name, "must be a whole number, was '" + raw + "'");
      return null;
    }
    if (value < min || value > max) {
      problem(name, "must be between " + min + " and " + max + ", was " + value);
      return null;
    }
    return value;
  }

  /** A finite number, or null. */
  public Double number(String name) {
    String raw = single(name);
    if (raw == null) return null;
    try {
      double value = Double.parseDouble(raw);
      if (Double.isFinite(value)) return value;
    } catch (NumberFormatException e) {
      // answered below
    }
    problem(name, "must be a number, was '" + raw + "'");
    return null;
  }

  /**
   * A comma-separated list ({@code cart=a,b}; a parameter given again adds to it), each entry
   * trimmed and at most {@code maxLength} characters, at most {@link #MAX_LIST_SIZE} entries; empty
   * when absent.
   */
  public List<String> list(String name, int maxLength) {
    asked.add(name);
    List<String> out = new ArrayList<>();
    for (String value : params.getAll(name))
      for (String part : value.split(",")) if (!part.isBlank()) out.add(part.trim());
    if (out.size() > MAX_LIST_SIZE) {
      problem(name, "has " + out.size() + " entries; at most " + MAX_LIST_SIZE);
      return List.of();
    }
    for (String entry : out) {
      if (entry.length() > maxLength) {
        problem(name, "has an entry longer than " + maxLength + " characters");
        return List.of();
      }
    }
    return out;
  }

  /**
   * Ends the reading: refuses every parameter no read asked for (but {@code site_key}), then throws
   * every problem found, if any.
   *
   * @throws InvalidQueryException listing every problem, by parameter
   */
  public void finish() {
    Set<String> known = new LinkedHashSet<>(asked);
    known.add(SITE_KEY);
    for (String name : params.names())
      if (!known.contains(name)) problem(name, UnknownNames.parameter(name, known));
    if (!problems.isEmpty()) throw new InvalidQueryException(problems);
  }
}
