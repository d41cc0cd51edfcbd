package io.vitrina.engine.experiment;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an experiment runs: a named block, a kind of trigger message, a pop-up campaign, a content
 * slot, or every placement at once (the global holdout).
 *
 * @param name the block's name, the trigger kind's ({@code abandoned_cart}), the campaign's id, the
 *     slot's name; {@code *} everywhere
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
    /**
     * A pop-up campaign: the holdout's shoppers are shown nothing when its trigger fires, and the
     * view they would have had exposes them.
     */
    CAMPAIGN,
    /** A content slot: the holdout's shoppers keep the page's own markup. */
    SLOT,
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

  public static Placement campaign(String id) {
    return new Placement(Kind.CAMPAIGN, id);
  }

  public static Placement slot(String name) {
    return new Placement(Kind.SLOT, name);
  }

  /** Every placement at once. */
  public static Placement everywhere() {
    return new Placement(Kind.EVERYWHERE, "*");
  }

  /**
   * How an attribution token names what was shown here: a block by its name, a campaign or a slot
   * by {@code campaign:<id>} or {@code slot:<name>} (block names have no colon, so none is taken
   * for another).
   */
  public String shownAs() {
    return switch (kind) {
      case CAMPAIGN, SLOT -> kind.wireName() + ":" + name;
      default -> name;
    };
  }

  /** Whether an answer whose token names {@code block} ({@link #shownAs}) is in this placement. */
  public boolean covers(String block) {
    return kind == Kind.EVERYWHERE || (kind != Kind.TRIGGER && shownAs().equals(block));
  }

  /** The campaign or slot placement a token's {@code block} names ({@link #shownAs}), if any. */
  public static Optional<Placement> shownBy(String block) {
    if (block.startsWith("campaign:"))
      return Optional.of(campaign(block.substring("campaign:".length())));
    if (block.startsWith("slot:")) return Optional.of(slot(block.substring("slot:".length())));
    return Optional.empty();
  }

  @Override
  public String toString() {
    return kind.wireName() + ":" + name;
  }
}
