package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.signal.EventType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A store's listing re-ordered for a shopper: history moves items up, the store's order stays. */
class ListingRankerTest {
  private static final List<String> CASES = List.of("c1", "c2", "c3", "c4", "nowhere", "c5");
  private SmallStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new SmallStore();
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private List<RankedItem> rank(String visitor, List<String> listing, double personalization) {
    return store.recommender.rank(
        new RankRequest(new Shopper(visitor, null), listing, personalization));
  }

  private static List<String> ids(List<RankedItem> ranked) {
    return ranked.stream().map(RankedItem::itemId).toList();
  }

  @Test
  void whatGoesWithThePurchaseMovesUpThenTheFavouriteBrandAndTheRestKeepsTheStoresOrder() {
    store.apply(EventType.PURCHASE, "ann", "ph4"); // an Acme phone
    List<RankedItem> ranked = rank("ann", CASES, 1);
    assertEquals(List.of("c4", "c1", "c3", "c5", "c2", "nowhere"), ids(ranked));
    assertTrue(ranked.get(0).personal());
    assertEquals("because you bought “phone 4”", ranked.get(0).explanation());
    assertEquals("from Acme, one of your favourite brands", ranked.get(1).explanation());
    assertEquals("in the store's order", ranked.get(4).explanation());
    assertNull(ranked.get(5).item(), "an id the catalog does not have is not moved");
  }

  @Test
  void withoutHistoryOrPersonalizationTheListingComesBackAsItWas() {
    assertEquals(CASES, ids(rank("stranger", CASES, 1)));
    store.apply(EventType.PURCHASE, "bob", "ph4");
    assertEquals(CASES, ids(rank("bob", CASES, 0)));
  }

  @Test
  void aListingIsBounded() {
    assertThrows(
        IllegalArgumentException.class, () -> new RankRequest(Shopper.ANONYMOUS, List.of(), 1));
    assertThrows(
        IllegalArgumentException.class, () -> new RankRequest(Shopper.ANONYMOUS, List.of("a"), -1));
  }
}
