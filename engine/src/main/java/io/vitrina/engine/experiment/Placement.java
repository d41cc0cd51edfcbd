package io.vitrina.engine.experiment;

import java.util.Objects;

/**
 * Where an experiment runs: a named block today; pop-up campaigns and trigger kinds later, each a
 * kind of its own.
 *
 * @param name the block's name (or the campaign's, the trigger kind's)
 */
public record Placement(Kind kind, String name) {
  /** What a placement names. */
  public enum Kind {
    BLOCK;

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

  @Override
  public String toString() {
    return kind.wireName() + ":" + name;
  }
}
