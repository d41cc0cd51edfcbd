package io.vitrina.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.attribution.AttributionToken;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeBookTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Experiment HOME =
      Experiment.draft(
              "home-test",
              Placement.block("home"),
              List.of(
                  new Arm("holdout", 1, new Arm.Holdout()),
                  new Arm("personal", 1, new Arm.AsSaved())),
              new Experiment.Traffic(1, "home-test"),
              new Experiment.Goals(Metric.REVENUE_PER_SHOPPER, List.of()))
          .started(T0);

  /** Tokens in these tests are "block/experiment/arm", or "block" outside any experiment. */
  private static Optional<AttributionToken> token(String text) {
    String[] parts = text.split("/");
    return Optional.of(
        new AttributionToken(
            parts[0],
            "popular",
            T0,
            "n",
            parts.length > 1 ? parts[1] : null,
            parts.length > 2 ? parts[2] : null));
  }

  private final OutcomeBook book =
      new OutcomeBook(
          Map.of("home-test", HOME), OutcomeBookTest::token, e -> 0, ShopperOutcome.Rules.DEFAULT);

  private static Event event(
      EventType type, String visitor, String customer, String token, EventItem... items) {
    return new Event(
        type, visitor, customer, List.of(items), null, "home", token, T0.plusSeconds(1));
  }

  private static Event exposure(String visitor, String arm) {
    return event(EventType.EXPERIMENT_EXPOSURE, visitor, null, "home/home-test/" + arm);
  }

  @Test
  void onlyEventsAfterTheExposureCount() {
    book.apply(event(EventType.PURCHASE, "v1", null, null, new EventItem("a", 1, 10)));
    book.apply(exposure("v1", "personal"));
    book.apply(event(EventType.SELECT_ITEM, "v1", null, "home", new EventItem("a", 1, 0)));
    book.apply(event(EventType.PURCHASE, "v1", null, null, new EventItem("a", 1, 30)));

    List<OutcomeBook.Change> changes = book.changes();
    assertEquals(1, changes.size());
    OutcomeBook.Change change = changes.get(0);
    assertEquals(null, change.before(), "a new shopper");
    assertEquals(new OutcomeBook.ArmKey("home-test", 1, "personal"), change.arm());
    assertEquals(
        30, change.after().counts().revenue(), "the purchase before exposure does not count");
    assertEquals(30, change.after().attributed().clickThrough());
  }

  @Test
  void aPurchaseSentWithTheCustomerIdAloneCountsForTheShopperWhoSawTheBlock() {
    book.apply(exposure("v1", "personal"));
    book.apply(event(EventType.IDENTIFY, "v1", "c1", null));
    book.apply(event(EventType.PURCHASE, null, "c1", null, new EventItem("a", 1, 25)));

    assertEquals(25, book.changes().get(0).after().counts().revenue());
    assertEquals("v:v1", book.newUnits().get(new OutcomeBook.Key("home-test", "c:c1")));
  }

  @Test
  void oneCustomerExposedInTwoArmsOnTwoDevicesIsCrossedAndCountsForTheFirst() {
    book.apply(exposure("phone", "personal"));
    book.apply(event(EventType.IDENTIFY, "phone", "c1", null));
    book.apply(exposure("laptop", "holdout"));
    book.apply(event(EventType.PURCHASE, "laptop", "c1", null, new EventItem("a", 1, 40)));

    Map<String, ShopperOutcome> byShopper = new HashMap<>();
    for (OutcomeBook.Change c : book.changes()) byShopper.put(c.key().shopper(), c.after());
    assertTrue(byShopper.get("v:phone").crossed());
    assertTrue(byShopper.get("v:laptop").crossed());
    assertEquals(40, byShopper.get("v:laptop").counts().revenue(), "the visitor's own shopper");
  }

  @Test
  void aTokenOfAnotherExperimentOrArmIsNoExposure() {
    book.apply(event(EventType.EXPERIMENT_EXPOSURE, "v1", null, "home/other/personal"));
    book.apply(event(EventType.EXPERIMENT_EXPOSURE, "v2", null, "home/home-test/nosuch"));
    book.apply(event(EventType.EXPERIMENT_EXPOSURE, "v3", null, null));
    assertEquals(List.of(), book.changes());
  }

  @Test
  void totalsMovedByTheChangesEqualTheTotalsOfTheOutcomes() {
    for (int v = 0; v < 50; v++) {
      book.apply(exposure("v" + v, v % 2 == 0 ? "holdout" : "personal"));
      if (v % 3 == 0)
        book.apply(event(EventType.PURCHASE, "v" + v, null, null, new EventItem("a", 1, 10 + v)));
    }
    Map<OutcomeBook.ArmKey, ArmTotals> moved = new HashMap<>();
    for (OutcomeBook.Change c : book.changes()) moved.merge(c.arm(), c.delta(), ArmTotals::plus);
    assertEquals(book.totalsByArm(), moved);
  }
}
