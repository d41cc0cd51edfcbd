package io.vitrina.engine.profile;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a shopper allowed: personalization (answers shaped by their own history) and marketing
 * (trigger messages sent to them). Each choice is kept with when it was made, so that at stitching
 * the later decision wins, choice by choice.
 *
 * <p>A choice never made is {@link #ALLOWED_UNLESS_REFUSED}: the one place the default lives.
 *
 * <p>On the wire a {@code consent} event carries {@code "consent": {"personalization": bool,
 * "marketing": bool}}; stored, the event's query holds {@link #asQuery} (e.g. {@code
 * "personalization=false marketing=true"}), so the log needs no column of its own.
 *
 * @param personalization the choice about personalization, or null when never made
 * @param marketing the choice about marketing, or null when never made
 */
public record Consent(Choice personalization, Choice marketing) {
  /** What a shopper who never said otherwise allows: both. */
  public static final boolean ALLOWED_UNLESS_REFUSED = true;

  /** Nothing decided. */
  public static final Consent NONE = new Consent(null, null);

  /** One decision and when it was made. */
  public record Choice(boolean allowed, Instant at) {}

  public boolean personalizationAllowed() {
    return personalization == null ? ALLOWED_UNLESS_REFUSED : personalization.allowed();
  }

  public boolean marketingAllowed() {
    return marketing == null ? ALLOWED_UNLESS_REFUSED : marketing.allowed();
  }

  /**
   * This and {@code other} merged: of each choice, the later one (either, when only one has it).
   */
  public Consent merged(Consent other) {
    if (other == null) return this;
    return new Consent(
        later(personalization, other.personalization), later(marketing, other.marketing));
  }

  private static Choice later(Choice a, Choice b) {
    if (a == null) return b;
    if (b == null) return a;
    return b.at().isAfter(a.at()) ? b : a;
  }

  /** The decision of a {@code consent} event, or {@link #NONE} for any other event. */
  public static Consent of(Event event) {
    if (event.type() != EventType.CONSENT || event.query() == null) return NONE;
    Choice personalization = null;
    Choice marketing = null;
    for (String part : event.query().strip().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq < 0) continue;
      Choice choice = new Choice(Boolean.parseBoolean(part.substring(eq + 1)), event.occurredAt());
      switch (part.substring(0, eq)) {
        case "personalization" -> personalization = choice;
        case "marketing" -> marketing = choice;
        default -> {} // a choice a newer version knows
      }
    }
    return new Consent(personalization, marketing);
  }

  /**
   * The query a {@code consent} event is stored with: the choices given (null: not part of this
   * decision).
   */
  public static String asQuery(Boolean personalization, Boolean marketing) {
    List<String> parts = new ArrayList<>(2);
    if (personalization != null) parts.add("personalization=" + personalization);
    if (marketing != null) parts.add("marketing=" + marketing);
    return String.join(" ", parts);
  }
}
