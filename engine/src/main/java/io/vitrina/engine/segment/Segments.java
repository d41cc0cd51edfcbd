package io.vitrina.engine.segment;

import io.vitrina.engine.profile.KeptProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * A store's segments at one moment: the lifecycle stages, the RFM groups over the current {@link
 * RfmScale}, and the store's rules. Immutable: a new scale or a saved rule makes a new one.
 *
 * <p>Every shopper is in one lifecycle segment ({@code lifecycle:new}, …), every customer who
 * ordered in one RFM segment ({@code rfm:champions}, …), and in each rule segment whose rule holds.
 */
public record Segments(List<SegmentRule> rules, RfmScale rfm, Lifecycle.Settings lifecycle) {
  public static final String LIFECYCLE = "lifecycle:";
  public static final String RFM = "rfm:";

  public Segments {
    rules = List.copyOf(rules);
  }

  /** What a segment is, for a list: its id, kind, name and what makes a member. */
  public record Definition(String id, String kind, String name, SegmentRule rule) {}

  public static String idOf(Lifecycle stage) {
    return LIFECYCLE + stage.key();
  }

  public static String idOf(RfmGroup group) {
    return RFM + group.key();
  }

  /** The ids of the segments {@code shopper} is in: lifecycle first, then RFM, then rules. */
  public List<String> of(KeptProfile shopper, SegmentContext context) {
    List<String> out = new ArrayList<>(2 + rules.size());
    out.add(idOf(Lifecycle.of(shopper.activity().orders(), context.now(), lifecycle)));
    RfmScore score = rfm.score(shopper.activity().orders(), context.now());
    if (score != null) out.add(idOf(score.group()));
    for (SegmentRule rule : rules) if (rule.holds(shopper, context)) out.add(rule.id());
    return out;
  }

  /** Every segment: the built-in ones, then the store's rules. */
  public List<Definition> definitions() {
    List<Definition> out = new ArrayList<>();
    for (Lifecycle stage : Lifecycle.values())
      out.add(new Definition(idOf(stage), "lifecycle", stage.key(), null));
    for (RfmGroup group : RfmGroup.values())
      out.add(new Definition(idOf(group), "rfm", group.key(), null));
    for (SegmentRule rule : rules) out.add(new Definition(rule.id(), "rule", rule.name(), rule));
    return out;
  }
}
