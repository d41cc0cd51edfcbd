package io.vitrina.engine.experiment;

import java.util.Objects;

/**
 * Where an experiment runs: a named block, a kind of trigger message, or every placement at once
 * (the global holdout); pop-up campaigns later, a kind of their own.
 *
 * @param name the block's name, the trigger kind's ({@code abandoned_cart}); {@code *} everywhere
 */
public record Placement(Kind kind, String name) {
  /** What a placement names. */
  public enum Kind {
    BLOCK,
    /**
     * A kind of trigger message: the holdout's messages are recorded and not delivered, so the
     * report reads what the messages add.
     */
    TRIGGER,
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

  public static Placement trigger(String kind) {
    return new Placement(Kind.TRIGGER, kind);
  }

  /** Every placement at once. */
  public static Placement everywhere() {
    return new Placement(Kind.EVERYWHERE, "*");
  }

  /** Whether an answer for the page's block named {@code block} is in this placement. */
  public boolean covers(String block) {
    return kind == Kind.EVERYWHERE || (kind == Kind.BLOCK && name.equals(block));
  }

  @Override
  public String toString() {
    return kind.wireName() + ":" + name;
  }
}
