package io.vitrina.engine.algorithm;

import static io.vitrina.engine.algorithm.SmallStore.ids;
import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.signal.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AffinityBoostTest {
  private final SmallStore store;

  AffinityBoostTest() throws Exception {
    store = new SmallStore();
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private Recommendations personal(String visitor) {
    return store.ask(RecommendationRequest.builder("personal").visitor(visitor).limit(10));
  }

  @Test
  void itemsOfTheShoppersFavouriteCategoryFillTheBlockBeforeOtherBestSellers() {
    // Cases have no indicators of their own: past the history's matches, the block is filled
    // by the favourite category first, then by popularity.
    store.apply(EventType.PURCHASE, "ann", "c1");
    store.apply(EventType.VIEW_ITEM, "ann", "c3");
    store.apply(EventType.VIEW_ITEM, "ann", "c5");
    Recommendations r = personal("ann");

    List<RecommendedItem> fromAffinity =
        r.items().stream().filter(i -> i.explanation().contains("favourite categories")).toList();
    assertFalse(fromAffinity.isEmpty(), ids(r).toString());
    for (RecommendedItem item : fromAffinity)
      assertEquals("Cases", item.item().leafCategory(), item.toString());
    int lastFavourite = r.items().indexOf(fromAffinity.get(fromAffinity.size() - 1));
    for (RecommendedItem item : r.items().subList(0, lastFavourite))
      assertFalse(item.explanation().equals("popular right now"), "before the cases: " + item);
  }

  @Test
  void theFavouriteBrandBreaksTiesBetweenEqualMatches() throws Exception {
    // ph1-ph5 are compared together, so viewing ph3 matches ph1, ph4 and ph5 equally; ph1 and ph5
    // are Zeta's, ph4 Acme's. Two new toys of a brand (no indicators, nothing like them) give the
    // shopper a liking for that brand and nothing else the phones have.
    store.upsert(
        List.of(toy("a1", "Acme"), toy("a2", "Acme"), toy("z1", "Zeta"), toy("z2", "Zeta")));
    List<String> acmeFan = phonesAfterViewing("bea", "a1", "a2");
    List<String> zetaFan = phonesAfterViewing("cal", "z1", "z2");

    assertTrue(acmeFan.indexOf("ph4") < acmeFan.indexOf("ph1"), "Acme's first: " + acmeFan);
    assertTrue(acmeFan.indexOf("ph4") < acmeFan.indexOf("ph5"), "Acme's first: " + acmeFan);
    assertTrue(zetaFan.indexOf("ph1") < zetaFan.indexOf("ph4"), "Zeta's first: " + zetaFan);
    assertTrue(zetaFan.indexOf("ph5") < zetaFan.indexOf("ph4"), "Zeta's first: " + zetaFan);
  }

  private List<String> phonesAfterViewing(String visitor, String... toys) {
    store.apply(EventType.VIEW_ITEM, visitor, "ph3");
    for (String toy : toys) store.apply(EventType.VIEW_ITEM, visitor, toy);
    return ids(personal(visitor)).stream()
        .filter(id -> List.of("ph1", "ph4", "ph5").contains(id))
        .toList();
  }

  private static Item toy(String id, String brand) {
    return new Item(
        id,
        "wooden train",
        "a toy",
        null,
        null,
        List.of("Toys"),
        brand,
        5000,
        null,
        5,
        true,
        List.of(),
        Map.of(),
        SmallStore.NOW);
  }
}
