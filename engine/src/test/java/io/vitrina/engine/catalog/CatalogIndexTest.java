package io.vitrina.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.model.ReverseIndicators;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private CatalogIndex index;

  @BeforeEach
  void setUp() throws Exception {
    index = CatalogIndex.inMemory(50);
    List<Item> items = new ArrayList<>();
    for (String id : List.of("a", "b", "c", "d")) {
      items.add(
          new Item(
              id,
              "Item " + id,
              "",
              null,
              null,
              List.of("Home"),
              null,
              10,
              null,
              5,
              true,
              List.of(),
              Map.of(),
              NOW));
    }
    index.upsert(items);
    index.refresh();
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
  }

  private static ModelSnapshot popularity(Map<String, Float> popularity) {
    return new ModelSnapshot(Map.of(), popularity, NOW, ModelSnapshot.Stats.NONE);
  }

  /** Item ids by the popularity their documents hold, most popular first. */
  private List<String> byPopularity() {
    return index.withSearcher(
        searcher -> {
          List<String> ids = new ArrayList<>();
          var query =
              FeatureField.newSaturationQuery(ItemFields.FEATURES, ItemFields.POPULARITY, 1f, 1f);
          for (ScoreDoc hit : searcher.search(query, 10).scoreDocs)
            ids.add(CatalogIndex.item(searcher, hit.doc).id());
          return ids;
        });
  }

  @Test
  void popularityRefreshRewritesOnlyItemsWhosePopularityMoved() {
    assertEquals(2, index.swapModel(popularity(Map.of("a", 1f, "b", 2f))));
    assertEquals(List.of("b", "a", "c", "d"), byPopularity());

    // a moved by 1%: its document keeps 1.0; b doubled and c is new: both rewritten.
    assertEquals(2, index.swapModel(popularity(Map.of("a", 1.01f, "b", 4f, "c", 8f))));
    assertEquals(List.of("c", "b", "a", "d"), byPopularity());
    assertEquals(
        Map.of("a", 1f, "b", 4f, "c", 8f),
        index.model().popularity(),
        "the model says what the documents hold");
  }

  @Test
  void theMostPopularAreTheBestByPopularityThenById() {
    Map<String, Float> popularity = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < CatalogIndex.MOST_POPULAR + 500; i++)
      // Few distinct values, so that many ties are broken by id; some below the least counted.
      popularity.put("p" + i, random.nextInt(40) / 10f);
    // An item of the catalog moves too, so that the swap rewrites a document and a new searcher
    // serves (the p items are the model's only).
    popularity.put("a", 9f);
    index.swapModel(popularity(popularity));

    List<String> expected =
        popularity.entrySet().stream()
            .filter(e -> e.getValue() >= ItemDocuments.MIN_POPULARITY)
            .sorted(
                Map.Entry.<String, Float>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(CatalogIndex.MOST_POPULAR)
            .map(Map.Entry::getKey)
            .toList();
    List<String> served = index.withSearcher(CatalogIndex::mostPopular);
    assertEquals(expected.size(), served.size());
    assertTrue(expected.equals(served), "the heap's pick differs from a full sort");
  }

  @Test
  void smallPopularityMovesAddUpUntilTheyPassTheTolerance() {
    index.swapModel(popularity(Map.of("a", 1f)));
    assertEquals(0, index.swapModel(popularity(Map.of("a", 1.03f))));
    assertEquals(1f, index.model().popularity().get("a"));
    assertEquals(
        1, index.swapModel(popularity(Map.of("a", 1.06f))), "6% from what the document holds");
    assertEquals(1.06f, index.model().popularity().get("a"));
  }

  @Test
  void aRefreshThatMovesNothingKeepsTheModelItHad() {
    index.swapModel(popularity(Map.of("a", 1f, "gone", 2f)));
    ModelSnapshot served = index.model();
    assertEquals(0, index.swapModel(popularity(Map.of("a", 1.03f, "gone", 2f))));
    assertSame(served, index.model(), "equal demand: no copy replaces the model");
    assertEquals(0, index.swapModel(popularity(Map.of("a", 1.03f, "gone", 3f))));
    assertEquals(
        Map.of("a", 1f, "gone", 3f),
        index.model().popularity(),
        "an item the catalog lacks moves in the model without a document");
  }

  @Test
  void itemsThatLoseAllPopularityAreRewritten() {
    index.swapModel(popularity(Map.of("a", 5f, "b", 1f)));
    assertEquals(1, index.swapModel(popularity(Map.of("b", 1f))));
    assertEquals("b", byPopularity().get(0));
  }

  @Test
  void newIndicatorsServeAtOnceWithoutRewritingADocument() {
    var indicators =
        Map.of(
            "a",
            List.of(new Indicator("b", 12.0, 3, 0.5)),
            "gone",
            List.of(new Indicator("b", 9.0, 2, 0.4)));
    ModelSnapshot model =
        new ModelSnapshot(
            Map.of(IndicatorSpec.VIEW, indicators), Map.of(), NOW, ModelSnapshot.Stats.NONE);
    assertEquals(0, index.swapModel(model), "no demand moved: no document is written");
    List<String> holders =
        index.withSearcher(
            searcher -> {
              ReverseIndicators reverse = CatalogIndex.reverseIndicators(searcher);
              ReverseIndicators.Holders held = reverse.holdersOf(IndicatorSpec.VIEW, "b");
              List<String> found = new ArrayList<>();
              for (int k = held.from(); k < held.to(); k++) {
                int ordinal = held.holders()[k];
                if (CatalogIndex.reverseDocs(searcher).doc(ordinal) >= 0)
                  found.add(reverse.id(ordinal));
              }
              return found;
            });
    assertEquals(List.of("a"), holders, "a new searcher holds b's holders in the catalog");
  }

  @Test
  void aSearcherHeldAcrossASwapOfIndicatorsAloneKeepsItsListsAndTheNextHasTheNew() {
    index.swapModel(viewIndicators("a", "b"));
    index.withSearcher(
        held -> {
          assertEquals(0, index.swapModel(viewIndicators("c", "b")), "no demand moved");
          assertEquals(List.of("a"), holdersOfB(held), "the held searcher's lists");
          return null;
        });
    assertEquals(List.of("c"), index.withSearcher(this::holdersOfB), "a new searcher's lists");
    assertEquals(List.of("c"), index.withSearcher(this::holdersOfB), "released and taken again");
  }

  /** A model in which {@code holder} alone has {@code held} among its view indicators. */
  private static ModelSnapshot viewIndicators(String holder, String held) {
    var lists = Map.of(holder, List.of(new Indicator(held, 12.0, 3, 0.5)));
    return new ModelSnapshot(
        Map.of(IndicatorSpec.VIEW, lists), Map.of(), NOW, ModelSnapshot.Stats.NONE);
  }

  private List<String> holdersOfB(org.apache.lucene.search.IndexSearcher searcher) {
    ReverseIndicators reverse = CatalogIndex.reverseIndicators(searcher);
    ReverseIndicators.Holders held = reverse.holdersOf(IndicatorSpec.VIEW, "b");
    List<String> ids = new ArrayList<>();
    for (int k = held.from(); k < held.to(); k++) ids.add(reverse.id(held.holders()[k]));
    return ids;
  }

  @Test
  void aSearcherHeldAcrossASwapKeepsTheModelItsDocumentsWereWrittenWith() {
    ModelSnapshot first = popularity(Map.of("a", 1f));
    index.swapModel(first);
    index.withSearcher(
        held -> {
          index.swapModel(popularity(Map.of("a", 9f)));
          assertEquals(
              Map.of("a", 1f),
              CatalogIndex.modelOf(held).popularity(),
              "the held searcher's model");
          assertEquals(Map.of("a", 9f), index.model().popularity(), "the newest model");
          return null;
        });
    assertEquals(
        Map.of("a", 9f),
        index.withSearcher(CatalogIndex::modelOf).popularity(),
        "a new searcher carries the new model");
  }

  @Test
  void itemsReadBackFromTheIndexAsTheyWereWritten() {
    Item item =
        new Item(
            "e",
            "Plug",
            "Fits <EU> sockets",
            "https://x/e",
            "https://x/e.jpg",
            List.of("Home", "Power", "Plugs"),
            "Acme",
            3.5,
            4.0,
            7,
            true,
            List.of("sale", "new"),
            Map.of("size=EU", "type=F", "volts", "230"),
            NOW);
    index.upsert(List.of(item));
    index.refresh();
    assertEquals(java.util.Optional.of(item), index.get("e"));
  }

  @Test
  void itemsReadFromMemoryFollowUpdatesAndDeletes() {
    Item first = index.get("a").orElseThrow();
    index.upsert(
        List.of(
            new Item(
                "a",
                "renamed",
                "new text",
                null,
                null,
                List.of("X"),
                "B",
                99,
                null,
                1,
                true,
                List.of(),
                Map.of(),
                NOW)));
    index.refresh();
    Item second = index.get("a").orElseThrow();
    assertEquals("renamed", second.title());
    assertEquals(99, second.price());
    assertNotEquals(first, second);
    index.delete("a");
    index.refresh();
    assertTrue(index.get("a").isEmpty());
    assertEquals(Set.of("b"), index.existing(List.of("a", "b")));
  }

  @Test
  void aBorrowedIndicatorKeepsItsLenderUntilTheModelGivesTheItemItsOwn() {
    // a and b have view indicators; e, new and like them, borrows theirs.
    Map<String, List<Indicator>> views =
        Map.of(
            "a", List.of(new Indicator("c", 5, 3, 0.8)),
            "b", List.of(new Indicator("d", 4, 2, 0.6), new Indicator("c", 2, 2, 0.2)));
    ModelSnapshot model =
        new ModelSnapshot(
            Map.of(IndicatorSpec.VIEW, views), Map.of(), NOW, ModelSnapshot.Stats.NONE);
    index.swapModel(model);
    index.upsert(
        List.of(
            new Item(
                "e",
                "Item e",
                "",
                null,
                null,
                List.of("Home"),
                null,
                10,
                null,
                5,
                true,
                List.of(),
                Map.of(),
                NOW)));
    index.refresh();
    index.withSearcher(
        searcher -> {
          List<Indicator> lent = CatalogIndex.indicators(searcher, IndicatorSpec.VIEW, "e");
          assertEquals(List.of("c", "d"), lent.stream().map(Indicator::itemId).toList());
          assertEquals(3, lent.get(0).cooccurrences(), "the lender's count, a's with c");
          assertEquals("a", CatalogIndex.lenderOf(searcher, IndicatorSpec.VIEW, "e", "c"));
          assertEquals("b", CatalogIndex.lenderOf(searcher, IndicatorSpec.VIEW, "e", "d"));
          assertEquals(null, CatalogIndex.lenderOf(searcher, IndicatorSpec.VIEW, "a", "c"));
          return null;
        });

    Map<String, List<Indicator>> withE = new java.util.HashMap<>(views);
    withE.put("e", List.of(new Indicator("d", 3, 2, 0.5)));
    index.swapModel(
        new ModelSnapshot(
            Map.of(IndicatorSpec.VIEW, withE), Map.of(), NOW, ModelSnapshot.Stats.NONE));
    index.withSearcher(
        searcher -> {
          assertEquals(null, CatalogIndex.lenderOf(searcher, IndicatorSpec.VIEW, "e", "d"));
          assertEquals(
              List.of("d"),
              CatalogIndex.indicators(searcher, IndicatorSpec.VIEW, "e").stream()
                  .map(Indicator::itemId)
                  .toList());
          return null;
        });
  }
}
