package io.vitrina.evaluation;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vitrina.evaluation.OfflineEvaluation.Report;
import io.vitrina.evaluation.OfflineEvaluation.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfflineEvaluationTest {

  /**
   * The engine's personal recommendations, trained and served as the server would, against the
   * popularity and random baselines on real data (MovieLens small, 300 seeded users). The Mahout
   * and dense references (EASE, item-kNN) are left to {@code ./vitrina evaluate}: they take tens of
   * seconds and are not asserted here.
   */
  @Test
  void personalBeatsPopularAndRandomOnMovieLens() {
    Path dir = MovieLensData.locate().orElse(null);
    assumeTrue(
        dir != null,
        "MovieLens small not found, skipping the offline evaluation; looked for "
            + MovieLensData.whereLooked());
    OfflineEvaluation.Options options =
        OfflineEvaluation.Options.defaults().withMahout(false).withReferences(false);

    Report report = OfflineEvaluation.run(MovieLensData.load(dir), options);
    String table = report.toMarkdown();
    System.out.println(table);

    Row personal = report.row("personal");
    Row popular = report.row("popular");
    Row random = report.row("random");
    assertEquals(300, report.evaluatedUsers());
    assertEquals(300, personal.scores().users(), "every sampled user has a held-out purchase");
    assertTrue(
        personal.scores().ndcg() > popular.scores().ndcg(),
        "NDCG@10: personal must beat popular\n" + table);
    assertTrue(
        personal.scores().recall() > popular.scores().recall(),
        "recall@10: personal must beat popular\n" + table);
    assertTrue(
        personal.scores().ndcg() > random.scores().ndcg(),
        "NDCG@10: personal must beat random\n" + table);
    assertTrue(
        personal.scores().recall() > random.scores().recall(),
        "recall@10: personal must beat random\n" + table);
    assertEquals(0, personal.scores().shortLists(), "personal must fill every list\n" + table);
  }

  @Test
  void metricsOfAKnownList() {
    List<String> recommended = List.of("a", "x", "b", "y");
    Set<String> relevant = Set.of("a", "b", "c");

    assertEquals(
        0.2, RankingMetrics.precisionAt(10, recommended, relevant), 1e-12, "2 hits in 10 slots");
    assertEquals(2.0 / 3, RankingMetrics.recallAt(10, recommended, relevant), 1e-12);
    double dcg = 1 + 1 / log2(4);
    double ideal = 1 + 1 / log2(3) + 1 / log2(4);
    assertEquals(dcg / ideal, RankingMetrics.ndcgAt(10, recommended, relevant), 1e-12);
    assertEquals(
        1.0, RankingMetrics.ndcgAt(2, List.of("b", "a"), relevant), 1e-12, "perfect for k = 2");
    assertEquals(
        (1.0 / 1 + 2.0 / 3) / 3,
        RankingMetrics.averagePrecisionAt(10, recommended, relevant),
        1e-12,
        "hits at ranks 1 and 3, over min(k, 3 relevant)");

    RankingMetrics metrics = new RankingMetrics(2, 10);
    metrics.add(List.of("a", "x"), Set.of("a"));
    metrics.add(List.of("x", "y"), Set.of("b"));
    metrics.add(List.of("q"), Set.of()); // nothing to find: not counted
    RankingMetrics.Scores scores = metrics.scores();
    assertEquals(2, scores.users());
    assertEquals(0.25, scores.precision(), 1e-12);
    assertEquals(0.5, scores.recall(), 1e-12);
    assertEquals(0.3, scores.coverage(), 1e-12, "a, x, y of 10 items");
    assertEquals(0.5, scores.hitRate(), 1e-12, "one user of two found something");
    assertEquals(0.5, scores.map(), 1e-12, "AP 1 and 0");
  }

  /**
   * Shoppers who took "a" also took "b", and "c" goes with "d": a shopper with "a" alone gets "b"
   * first from both dense references, and never "a" back.
   */
  @Test
  void easeAndItemKnnRecommendWhatGoesWithTheHistory() {
    List<Interaction> training = new java.util.ArrayList<>();
    for (int u = 0; u < 6; u++) {
      training.add(new Interaction("u" + u, "a", 5, 1));
      training.add(new Interaction("u" + u, "b", 5, 2));
    }
    for (int u = 6; u < 12; u++) {
      training.add(new Interaction("u" + u, "c", 5, 1));
      training.add(new Interaction("u" + u, "d", 5, 2));
      if (u % 2 == 0) training.add(new Interaction("u" + u, "b", 3, 3));
    }
    training.add(new Interaction("new", "a", 5, 4));
    InteractionMatrix matrix = InteractionMatrix.of(training, 2);

    for (RankingMethod method :
        List.of(ItemItemModel.ease(matrix, 1), ItemItemModel.cosine(matrix))) {
      List<String> list = method.recommend("new", Set.of("a"), 3);
      assertEquals("b", list.get(0), method.name() + ": " + list);
      assertFalse(list.contains("a"), method.name() + " excludes the history: " + list);
    }
  }

  @Test
  void temporalSplitHoldsOutEachUsersLatestFifthAndCountsOnlyPurchases() {
    List<Interaction> all =
        List.of(
            new Interaction("u1", "m5", 5.0, 50),
            new Interaction("u1", "m1", 4.0, 10),
            new Interaction("u1", "m2", 2.0, 20),
            new Interaction("u1", "m3", 4.5, 30),
            new Interaction("u1", "m4", 3.0, 40),
            new Interaction("u1", "m6", 1.0, 60),
            new Interaction("u1", "m7", 4.0, 70),
            new Interaction("u1", "m8", 2.0, 80),
            new Interaction("u1", "m9", 4.0, 90),
            new Interaction("u1", "m10", 5.0, 100),
            new Interaction("u2", "m1", 5.0, 15));

    TemporalSplit split = TemporalSplit.perUser(all, 0.2);

    assertEquals(List.of("m9", "m10"), split.test("u1").stream().map(Interaction::itemId).toList());
    assertEquals(Set.of("m9", "m10"), split.relevant("u1"));
    assertEquals(8, split.trainingItems("u1").size());
    assertEquals(
        List.of("m1"),
        split.test("u2").stream().map(Interaction::itemId).toList(),
        "at least one held out");
    assertTrue(split.trainingItems("u2").isEmpty());
    List<Long> times = split.training().stream().map(Interaction::timestamp).toList();
    assertEquals(
        times.stream().sorted().toList(),
        times,
        "training comes oldest first, as a server receives it");
    assertEquals(80, split.trainingEnd());
  }

  @Test
  void csvFieldsMayBeQuotedWithCommasAndQuotesInside() {
    assertEquals(
        List.of("7", "Say \"Hi\", Bob", "1999", "Comedy|Drama"),
        MovieLensData.parseCsvLine("7,\"Say \"\"Hi\"\", Bob\",1999,\"Comedy|Drama\""));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
