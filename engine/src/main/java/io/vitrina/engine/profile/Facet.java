package io.vitrina.engine.profile;

import java.util.Locale;
import java.util.Optional;

/** An item property a shopper's affinity is kept over. */
public enum Facet {
  /** Every category of the item's path, root to leaf. */
  CATEGORY,
  BRAND,
  /** The item's {@link PriceBand}. */
  PRICE_BAND,
  TAG;

  /** The name in the API and in the profile index: {@code category}, {@code price_band}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Facet> byKey(String key) {
    for (Facet facet : values()) if (facet.key().equals(key)) return Optional.of(facet);
    return Optional.empty();
  }
}
