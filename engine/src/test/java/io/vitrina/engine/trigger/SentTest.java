package io.vitrina.engine.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SentTest {
  private static final Instant MONDAY = Instant.parse("2026-11-30T10:00:00Z");
  private static final Instant TUESDAY = MONDAY.plusSeconds(86_400);

  @Test
  void mergedKeepsEveryOccasionAndTheLatestSendings() {
    Sent asVisitor =
        new Sent(Set.of("abandoned_cart|a"), TUESDAY, Map.of(TriggerKind.ABANDONED_CART, TUESDAY));
    Sent asCustomer =
        new Sent(
            Set.of("welcome|w"),
            MONDAY,
            Map.of(TriggerKind.WELCOME, MONDAY, TriggerKind.ABANDONED_CART, MONDAY));

    Sent both = asCustomer.merged(asVisitor);

    assertEquals(Set.of("abandoned_cart|a", "welcome|w"), both.used());
    assertEquals(TUESDAY, both.lastSent());
    assertEquals(TUESDAY, both.lastByKind().get(TriggerKind.ABANDONED_CART));
    assertEquals(MONDAY, both.lastByKind().get(TriggerKind.WELCOME));
    assertEquals(asVisitor.used(), Sent.NONE.merged(asVisitor).used());
    assertEquals(TUESDAY, asVisitor.merged(Sent.NONE).lastSent());
  }
}
