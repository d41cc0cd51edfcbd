package io.vitrina.engine.segment;

import java.util.Locale;
import java.util.Optional;

/**
 * The named RFM groups stores use, by the widely used grid over recency (R) and frequency (F):
 * every one of the 25 pairs belongs to exactly one group. Monetary value is scored but does not
 * move a customer between groups (it ranks them within one).
 *
 * <table>
 *   <tr><th>group</th><th>R</th><th>F</th></tr>
 *   <tr><td>champions</td><td>5</td><td>4–5</td></tr>
 *   <tr><td>loyal</td><td>3–4</td><td>4–5</td></tr>
 *   <tr><td>potential_loyalists</td><td>4–5</td><td>2–3</td></tr>
 *   <tr><td>new_customers</td><td>5</td><td>1</td></tr>
 *   <tr><td>promising</td><td>4</td><td>1</td></tr>
 *   <tr><td>need_attention</td><td>3</td><td>3</td></tr>
 *   <tr><td>about_to_sleep</td><td>3</td><td>1–2</td></tr>
 *   <tr><td>cant_lose</td><td>1–2</td><td>5</td></tr>
 *   <tr><td>at_risk</td><td>1–2</td><td>3–4</td></tr>
 *   <tr><td>hibernating</td><td>1–2</td><td>1–2</td></tr>
 * </table>
 */
public enum RfmGroup {
  CHAMPIONS,
  LOYAL,
  POTENTIAL_LOYALISTS,
  NEW_CUSTOMERS,
  PROMISING,
  NEED_ATTENTION,
  ABOUT_TO_SLEEP,
  CANT_LOSE,
  AT_RISK,
  HIBERNATING;

  /** The group of a customer scored {@code recency} and {@code frequency}. */
  public static RfmGroup of(int recency, int frequency) {
    if (recency <= 2) return frequency == 5 ? CANT_LOSE : frequency >= 3 ? AT_RISK : HIBERNATING;
    if (recency == 3)
      return frequency >= 4 ? LOYAL : frequency == 3 ? NEED_ATTENTION : ABOUT_TO_SLEEP;
    if (frequency >= 4) return recency == 5 ? CHAMPIONS : LOYAL;
    if (frequency >= 2) return POTENTIAL_LOYALISTS;
    return recency == 5 ? NEW_CUSTOMERS : PROMISING;
  }

  /** The name in the API: {@code cant_lose}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RfmGroup> byKey(String key) {
    for (RfmGroup group : values()) if (group.key().equals(key)) return Optional.of(group);
    return Optional.empty();
  }
}
