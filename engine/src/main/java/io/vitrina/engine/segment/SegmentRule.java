package io.vitrina.engine.segment;

import io.vitrina.engine.profile.KeptProfile;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A segment the store defines: a shopper is a member when every condition of {@code all} holds, at
 * least one of {@code any} (when it has some), and none of {@code none}.
 *
 * @param id the segment's id in the API: lower-case letters, digits, {@code _} and {@code -}
 * @param name what a person calls it
 */
public record SegmentRule(
    String id, String name, List<Condition> all, List<Condition> any, List<Condition> none) {
  /** What a store's segment id may be: never with the {@code :} of the built-in ones. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public SegmentRule {
    all = List.copyOf(all);
    any = List.copyOf(any);
    none = List.copyOf(none);
    if (!ID.matcher(id).matches()) throw new IllegalArgumentException("invalid segment id " + id);
    if (all.isEmpty() && any.isEmpty() && none.isEmpty())
      throw new IllegalArgumentException("a segment needs at least one condition");
  }

  public boolean holds(KeptProfile shopper, SegmentContext context) {
    for (Condition condition : all) if (!condition.holds(shopper, context)) return false;
    for (Condition condition : none) if (condition.holds(shopper, context)) return false;
    if (any.isEmpty()) return true;
    for (Condition condition : any) if (condition.holds(shopper, context)) return true;
    return false;
  }
}
