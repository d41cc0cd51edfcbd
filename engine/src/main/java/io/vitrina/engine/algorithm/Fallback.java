package io.vitrina.engine.algorithm;

import java.util.List;
import java.util.Objects;

/**
 * Which algorithms fill a block the asked one leaves short: the catalogue's chain for it ({@link
 * #DEFAULT}, as {@code GET /v1/algorithms} lists it), none ({@link #NONE}: only the algorithm's own
 * items), or a chain the block or the request names.
 */
public final class Fallback {
  public static final Fallback DEFAULT = new Fallback(null);
  public static final Fallback NONE = new Fallback(List.of());

  /** Null for the catalogue's chain. */
  private final List<String> algorithms;

  private Fallback(List<String> algorithms) {
    this.algorithms = algorithms == null ? null : List.copyOf(algorithms);
  }

  /** The algorithms asked in this order; {@link #NONE} when the list is empty. */
  public static Fallback of(List<String> algorithms) {
    return algorithms.isEmpty() ? NONE : new Fallback(algorithms);
  }

  /**
   * {@code default}, {@code none}, or algorithm names separated by commas.
   *
   * @throws IllegalArgumentException for a blank text or an empty name
   */
  public static Fallback parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.equals("default")) return DEFAULT;
    if (trimmed.equals("none")) return NONE;
    List<String> names = List.of(trimmed.split(",", -1)).stream().map(String::strip).toList();
    if (trimmed.isEmpty() || names.contains(""))
      throw new IllegalArgumentException(
          "must be 'default', 'none' or algorithm names separated by commas, was '" + text + "'");
    return of(names);
  }

  /** The algorithms to ask after {@code asked}, in order. */
  public List<String> chain(Algorithm asked) {
    return algorithms == null ? asked.fallbacks() : algorithms;
  }

  public boolean isDefault() {
    return algorithms == null;
  }

  /** The names this fallback asks for by name; empty for {@link #DEFAULT} and {@link #NONE}. */
  public List<String> named() {
    return algorithms == null ? List.of() : algorithms;
  }

  /** As {@link #parse} reads it. */
  @Override
  public String toString() {
    if (algorithms == null) return "default";
    return algorithms.isEmpty() ? "none" : String.join(",", algorithms);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Fallback that && Objects.equals(algorithms, that.algorithms);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(algorithms);
  }
}
