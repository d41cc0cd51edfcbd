package io.vitrina.engine.experiment;

import java.util.Objects;

/**
 * Where an experiment runs: a named block, or every placement at once (the global holdout); pop-up
 * campaigns and trigger kinds later, each a kind of its own.
 *
 * @param name the block's name (or the campaign's, the trigger kind's); {@code *} everywhere
 */
public record Placement(Kind kind, String name) {
  /** What a placement names. */
  public enum Kind {
    BLOCK,
    /** Every block and every algorithm's answer: the {@link GlobalHoldout}. */
    EVERYWHERE;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Placement {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static Placement block(String name) {
    return new Placement(Kind.BLOCK, name);
  }

  /** Every placement at once. */
  public static Placement everywhere() {
    return new Placement(Kind.EVERYWHERE, "*");
  }

  /** Whether an answer for the page's block named {@code block} is in this placement. */
  public boolean covers(String block) {
    return kind == Kind.EVERYWHERE || name.equals(block);
  }

  @Override
  public String toString() {
    return kind.wireName() + ":" + name;
  }
}
