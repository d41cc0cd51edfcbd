package io.vitrina.engine.algorithm;

import static io.vitrina.engine.algorithm.SmallStore.ids;
import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.profile.PriceBand;
import io.vitrina.engine.rule.Filters;
import io.vitrina.engine.search.SearchFacets;
import io.vitrina.engine.signal.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A search page: its slice of the ranking, and what the whole search matched, counted. */
class SearchPageTest {
  private SmallStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new SmallStore();
    store.apply(EventType.VIEW_ITEM, "sam", "ph5");
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private SearchResults search(String text, int offset, int limit, Filters filters) {
    return store.recommender.search(
        RecommendationRequest.builder(AlgorithmCatalog.SEARCH_PERSONAL)
            .visitor("sam")
            .query(text)
            .offset(offset)
            .limit(limit)
            .filters(filters)
            .fallback(Fallback.NONE)
            .build());
  }

  @Test
  void pagesWalkThroughTheWholeRankingOnce() {
    // "phone" matches six phones and six cases ("case for phone N").
    SearchResults all = search("phone", 0, 20, Filters.NONE);
    assertEquals(12, all.facets().total());
    assertEquals(12, all.page().items().size());
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 12; offset += 5) {
      SearchResults page = search("phone", offset, 5, Filters.NONE);
      assertEquals(12, page.facets().total(), "every page counts the whole search");
      paged.addAll(ids(page.page()));
    }
    assertEquals(ids(all.page()), paged);
    assertTrue(ids(search("phone", 12, 5, Filters.NONE).page()).isEmpty());
  }

  @Test
  void aPagePastTheMatchesIsFilledByFallbacksWhenAsked() {
    SearchResults page =
        store.recommender.search(
            RecommendationRequest.builder(AlgorithmCatalog.SEARCH_PERSONAL)
                .query("phone")
                .offset(10)
                .limit(5)
                .build());
    assertEquals(12, page.facets().total());
    assertEquals(5, page.page().items().size());
    assertEquals(3, page.page().fallbackItems(), "two matches left, then the fallbacks");
  }

  @Test
  void facetsCountTheMatchesByCategoryBrandAndPriceBand() {
    Filters zeta = new Filters(null, null, List.of(), List.of("Zeta"));
    SearchResults results = search("phone", 0, 3, zeta);
    List<Item> matched =
        store.catalog.values().stream()
            .filter(i -> i.title().contains("phone") && "Zeta".equals(i.brand()))
            .toList();
    SearchFacets facets = results.facets();
    assertEquals(matched.size(), facets.total(), "the brand filter counts too");
    assertEquals(3, results.page().items().size());

    Map<String, Integer> categories = new HashMap<>();
    Map<String, Integer> bands = new HashMap<>();
    for (Item item : matched) {
      item.categories().forEach(c -> categories.merge(c, 1, Integer::sum));
      bands.merge(PriceBand.of(item.price()).orElseThrow().label(), 1, Integer::sum);
    }
    Map<String, Integer> counted = new HashMap<>();
    facets.categories().forEach(c -> counted.put(c.value(), c.count()));
    assertEquals(categories, counted);
    assertEquals(matched.size(), counted.get("Electronics"), "every level of the path");
    assertEquals(List.of(new SearchFacets.Count("Zeta", matched.size())), facets.brands());
    Map<String, Integer> countedBands = new HashMap<>();
    facets.priceBands().forEach(b -> countedBands.put(b.band().label(), b.count()));
    assertEquals(bands, countedBands);
    List<Double> lowers = facets.priceBands().stream().map(b -> b.band().lower()).toList();
    assertEquals(lowers.stream().sorted().toList(), lowers, "cheapest band first");
  }

  @Test
  void theShoppersRecentPurchasesAreLeftOutOfTheResultsAndTheCounts() {
    store.apply(EventType.PURCHASE, "sam", "ph5");
    SearchResults results = search("phone", 0, 20, Filters.NONE);
    assertEquals(11, results.facets().total());
    assertFalse(ids(results.page()).contains("ph5"));
  }

  @Test
  void aTextWithoutMatchesCountsNothing() {
    SearchResults results = search("zzzqx", 0, 5, Filters.NONE);
    assertEquals(SearchFacets.NONE, results.facets());
    assertTrue(results.page().items().isEmpty());
  }
}
