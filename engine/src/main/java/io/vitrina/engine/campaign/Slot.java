package io.vitrina.engine.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named place on the store's pages ({@code home-hero}) whose content depends on the shopper: the
 * first variant whose targeting matches, else the default.
 *
 * @param fallback the default content, or null (the page keeps its own markup)
 * @param variants tried in order
 */
public record Slot(String name, Content fallback, List<Variant> variants) {
  /** The variant key of the default content. */
  public static final String DEFAULT = "default";

  /** A targeted content of a slot. */
  public record Variant(String key, Targeting targeting, Content content) {
    public Variant {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(content, "content");
      targeting = targeting == null ? Targeting.EVERYONE : targeting;
    }
  }

  /** What a slot shows: the variant's key ({@link #DEFAULT} for the default) and its content. */
  public record Choice(String variant, Content content) {}

  public Slot {
    Objects.requireNonNull(name, "name");
    variants = List.copyOf(variants);
  }

  /**
   * What the slot may show this shopper on this page, best first: each matching variant in order,
   * then the default. The first is the choice; the server passes over one whose item strip comes
   * back empty.
   */
  public List<Choice> choices(ShopperFacts shopper, Visit visit) {
    List<Choice> out = new ArrayList<>(2);
    for (Variant v : variants)
      if (v.targeting().matches(shopper, visit)) out.add(new Choice(v.key(), v.content()));
    if (fallback != null) out.add(new Choice(DEFAULT, fallback));
    return out;
  }
}
