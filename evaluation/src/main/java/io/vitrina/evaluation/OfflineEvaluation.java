package io.vitrina.evaluation;

import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.CooccurrenceIndicators;
import io.vitrina.engine.model.ImplicitFactors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Offline evaluation on MovieLens: a per-user temporal split (see {@link TemporalSplit}), then
 * top-k lists from the engine's {@code popular} and {@code personal} (through the real {@link
 * io.vitrina.engine.algorithm.Recommender}), Mahout's item-based LLR recommender as a reference,
 * and a random floor, scored by {@link RankingMetrics}.
 *
 * <p>Every method gets the same training data and the same users, and every list has the user's
 * training items removed before the top k are cut (see {@link TrainedVitrina#method}).
 *
 * <p>Run: {@code java -cp <engine classes and dependencies> io.vitrina.evaluation.OfflineEvaluation
 * [data-dir] [--users=N] [--seed=S] [--half-life-days=D] [--no-mahout]}; {@code --users=0}
 * evaluates everybody.
 */
public final class OfflineEvaluation {

  /**
   * @param sampleUsers users evaluated, drawn with {@code seed}; 0 or less means all
   * @param popularityHalfLife decay of the popularity feature ({@code popular}, and the tie-break
   *     of {@code personal})
   * @param threads users are evaluated in parallel; times are wall-clock
   * @param mahout whether to run the Mahout reference
   * @param references whether to run EASE, item-kNN and the engine's factor model (dense item ×
   *     item or item × factor matrices, trained in the harness)
   * @param easeLambda EASE's L2 regularization
   * @param minSupport training interactions an item needs to get a column in the dense references
   */
  public record Options(
      int k,
      int sampleUsers,
      long seed,
      double testFraction,
      Duration popularityHalfLife,
      CooccurrenceIndicators.Settings indicators,
      int threads,
      boolean mahout,
      boolean references,
      double easeLambda,
      int minSupport) {
    /**
     * 300 seeded users, k = 10, last 20 % held out. The half-life is long because the per-user
     * split puts test periods anywhere in 1996–2016: popularity "as of the end of training" with a
     * one-week half-life would only know the films of 2016. EASE's λ = 100 was chosen on the
     * validation split ({@link Tuning}), never on the test split.
     */
    public static Options defaults() {
      return new Options(
          10,
          300,
          42L,
          0.2,
          Duration.ofDays(3 * 365),
          CooccurrenceIndicators.Settings.DEFAULT,
          Math.max(1, Runtime.getRuntime().availableProcessors()),
          true,
          true,
          100,
          2);
    }

    public Options withSampleUsers(int n) {
      return new Options(
          k,
          n,
          seed,
          testFraction,
          popularityHalfLife,
          indicators,
          threads,
          mahout,
          references,
          easeLambda,
          minSupport);
    }

    public Options withSeed(long s) {
      return new Options(
          k,
          sampleUsers,
          s,
          testFraction,
          popularityHalfLife,
          indicators,
          threads,
          mahout,
          references,
          easeLambda,
          minSupport);
    }

    public Options withPopularityHalfLife(Duration d) {
      return new Options(
          k,
          sampleUsers,
          seed,
          testFraction,
          d,
          indicators,
          threads,
          mahout,
          references,
          easeLambda,
          minSupport);
    }

    /** Whether to run the Mahout reference, the slowest method by far (about 0.1 s a user). */
    public Options withMahout(boolean run) {
      return new Options(
          k,
          sampleUsers,
          seed,
          testFraction,
          popularityHalfLife,
          indicators,
          threads,
          run,
          references,
          easeLambda,
          minSupport);
    }

    /**
     * Whether to run EASE, item-kNN and the factor model (EASE's dense inverse takes tens of
     * seconds at MovieLens-small).
     */
    public Options withReferences(boolean run) {
      return new Options(
          k,
          sampleUsers,
          seed,
          testFraction,
          popularityHalfLife,
          indicators,
          threads,
          mahout,
          run,
          easeLambda,
          minSupport);
    }

    public Options withEaseLambda(double lambda) {
      return new Options(
          k,
          sampleUsers,
          seed,
          testFraction,
          popularityHalfLife,
          indicators,
          threads,
          mahout,
          references,
          lambda,
          minSupport);
    }
  }

  /** One method's scores and what it cost. {@code trainSeconds} is shared by the engine's rows. */
  public record Row(
      String method,
      RankingMetrics.Scores scores,
      double trainSeconds,
      double recommendMillisPerUser,
      List<Double> ndcgByUser) {}

  public record Report(
      int k,
      int users,
      int evaluatedUsers,
      int items,
      int trainingInteractions,
      List<Row> rows,
      double totalSeconds) {
    public Row row(String method) {
      return rows.stream()
          .filter(r -> r.method().equals(method))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no row " + method));
    }

    public String toMarkdown() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "MovieLens small: %d users (%d evaluated), %d items, %d training interactions, k = %d%n%n",
              users,
              evaluatedUsers,
              items,
              trainingInteractions,
              k));
      out.append(table(k, rows, "users"));
      out.append(String.format(Locale.ROOT, "%nTotal run time: %.1f s%n", totalSeconds));
      return out.toString();
    }
  }

  /**
   * The rows as a markdown table at {@code k}, then each method's NDCG difference against EASE
   * (when it ran, else against {@code personal}), paired over the same {@code pairedOver} (users,
   * orders).
   */
  static String table(int k, List<Row> rows, String pairedOver) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "| method | P@%1$d | R@%1$d | NDCG@%1$d | HR@%1$d | MAP@%1$d | coverage@%1$d | short lists | train s | recommend ms/user |%n",
            k));
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      RankingMetrics.Scores s = r.scores();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %d | %.2f | %.2f |%n",
              r.method(),
              s.precision(),
              s.recall(),
              s.ndcg(),
              s.hitRate(),
              s.map(),
              s.coverage(),
              s.shortLists(),
              r.trainSeconds(),
              r.recommendMillisPerUser()));
    }
    String base =
        rows.stream().anyMatch(r -> r.method().equals(EASE)) ? EASE : AlgorithmCatalog.PERSONAL;
    Row baseRow = rows.stream().filter(r -> r.method().equals(base)).findFirst().orElse(null);
    if (baseRow == null) return out.toString();
    out.append('\n');
    for (Row other : rows) {
      if (other == baseRow) continue;
      double[] d = RankingMetrics.pairedDifference(other.ndcgByUser(), baseRow.ndcgByUser());
      out.append(
          String.format(
              Locale.ROOT,
              "- NDCG@%d %s − %s: %+.4f ± %.4f (95%% CI, paired over %s)%n",
              k,
              other.method(),
              base,
              d[0],
              d[1],
              pairedOver));
    }
    return out.toString();
  }

  static final String EASE = "ease";

  private OfflineEvaluation() {}

  public static Report run(MovieLensData data, Options options) {
    long started = System.nanoTime();
    TemporalSplit split = TemporalSplit.perUser(data.interactions(), options.testFraction());
    List<String> users = sample(split, options);
    List<String> catalog = data.items().stream().map(Item::id).toList();
    List<Row> rows = new ArrayList<>();

    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    // Every method on the same users and split; the time given is what its training took.
    BiFunction<RankingMethod, Double, Row> scored =
        (method, trainSeconds) ->
            evaluate(method, trainSeconds, split, users, catalog.size(), options, pool);
    try {
      long t = System.nanoTime();
      try (TrainedVitrina vitrina =
          TrainedVitrina.train(
              data.items(), split.training(), options.popularityHalfLife(), options.indicators())) {
        double trained = seconds(t);
        for (String algorithm :
            List.of(
                AlgorithmCatalog.POPULAR,
                AlgorithmCatalog.PERSONAL,
                AlgorithmCatalog.PERSONAL_EMBEDDING)) {
          rows.add(scored.apply(vitrina.method(algorithm), trained));
        }
      }
      if (options.mahout()) {
        t = System.nanoTime();
        MahoutItemBased mahout = MahoutItemBased.train(split.training());
        rows.add(scored.apply(mahout, seconds(t)));
      }
      if (options.references()) {
        InteractionMatrix matrix = InteractionMatrix.of(split.training(), options.minSupport());
        // Arguments run left to right: the model is trained, then its time taken. No model is kept
        // past its row, so that only one n² matrix is alive at a time.
        t = System.nanoTime();
        rows.add(scored.apply(ItemItemModel.cosine(matrix), seconds(t)));
        t = System.nanoTime();
        rows.add(
            scored.apply(FactorModel.train(matrix, ImplicitFactors.Settings.DEFAULT), seconds(t)));
        t = System.nanoTime();
        rows.add(scored.apply(ItemItemModel.ease(matrix, options.easeLambda()), seconds(t)));
      }
      rows.add(scored.apply(new RandomBaseline(catalog, options.seed()), 0.0));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      pool.shutdownNow();
    }
    return new Report(
        options.k(),
        split.users().size(),
        users.size(),
        catalog.size(),
        split.training().size(),
        rows,
        seconds(started));
  }

  /** Users with at least one held-out purchase, in a seeded random order, the first n of them. */
  private static List<String> sample(TemporalSplit split, Options options) {
    List<String> users = new ArrayList<>();
    for (String user : split.users()) if (!split.relevant(user).isEmpty()) users.add(user);
    users.sort(Comparator.naturalOrder());
    if (options.sampleUsers() <= 0 || options.sampleUsers() >= users.size()) return users;
    Collections.shuffle(users, new Random(options.seed()));
    return List.copyOf(users.subList(0, options.sampleUsers()));
  }

  private static Row evaluate(
      RankingMethod method,
      double trainSeconds,
      TemporalSplit split,
      List<String> users,
      int catalogSize,
      Options options,
      ExecutorService pool) {
    long started = System.nanoTime();
    List<Future<List<String>>> lists = new ArrayList<>(users.size());
    for (String user : users) {
      Set<String> exclude = split.trainingItems(user);
      lists.add(pool.submit(() -> method.recommend(user, exclude, options.k())));
    }
    RankingMetrics metrics = new RankingMetrics(options.k(), catalogSize);
    try {
      for (int u = 0; u < users.size(); u++) {
        // The harness enforces the contract too, so no method can score with a training item.
        Set<String> exclude = split.trainingItems(users.get(u));
        List<String> list =
            lists.get(u).get().stream()
                .filter(id -> !exclude.contains(id))
                .distinct()
                .limit(options.k())
                .toList();
        metrics.add(list, split.relevant(users.get(u)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(method.name() + " failed", e.getCause());
    }
    double millisPerUser = (System.nanoTime() - started) / 1e6 / Math.max(1, users.size());
    return new Row(
        method.name(), metrics.scores(), trainSeconds, millisPerUser, metrics.ndcgByUser());
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static final String USAGE =
      "usage: [--data DIR | DIR] [--users=N (0: all, the default)] [--seed=S] [--half-life-days=D]"
          + " [--ease-lambda=L] [--tune] [--validation] [--no-mahout] [--no-references];"
          + " or --orders FILE.csv (a store's order log: see RetailEvaluation)";

  /** EASE's λ values tried by {@code --tune}. */
  private static final double[] LAMBDA_GRID = {10, 50, 100, 200, 500, 1000};

  public static void main(String[] args) {
    for (String arg : args)
      if (arg.startsWith("--orders") || arg.equals("--generate-orders")) {
        RetailEvaluation.main(args); // a store's order log, not MovieLens
        return;
      }
    Options options = Options.defaults().withSampleUsers(0);
    Path dir = null;
    boolean tune = false;
    boolean validation = false;
    for (int a = 0; a < args.length; a++) {
      String arg = args[a];
      if (arg.startsWith("--users="))
        options = options.withSampleUsers(Integer.parseInt(arg.substring(8)));
      else if (arg.startsWith("--seed="))
        options = options.withSeed(Long.parseLong(arg.substring(7)));
      else if (arg.equals("--no-mahout")) options = options.withMahout(false);
      else if (arg.equals("--no-references")) options = options.withReferences(false);
      else if (arg.equals("--tune")) tune = true;
      else if (arg.equals("--validation")) validation = true;
      else if (arg.startsWith("--ease-lambda="))
        options = options.withEaseLambda(Double.parseDouble(arg.substring(14)));
      else if (arg.startsWith("--half-life-days=")) {
        options =
            options.withPopularityHalfLife(Duration.ofDays(Long.parseLong(arg.substring(17))));
      } else if (arg.equals("--data") && a + 1 < args.length) dir = Path.of(args[++a]);
      else if (arg.startsWith("--data=")) dir = Path.of(arg.substring(7));
      else if (arg.startsWith("--")) {
        System.err.println("unknown option " + arg + "; " + USAGE);
        System.exit(2);
      } else dir = Path.of(arg);
    }
    if (dir == null) {
      dir =
          MovieLensData.locate()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "MovieLens not found: pass its folder with --data; looked for "
                              + MovieLensData.whereLooked()));
    } else if (!MovieLensData.isDataDir(dir)) {
      throw new IllegalArgumentException(dir + " has no ratings.csv and movies.csv");
    }
    MovieLensData data = MovieLensData.load(dir);
    if (validation) {
      // The test split never enters: what is evaluated is each user's training, split again.
      data =
          new MovieLensData(
              TemporalSplit.perUser(data.interactions(), options.testFraction()).training(),
              data.items());
      System.out.println(
          "On the validation split: the last fifth of each user's training held out");
      System.out.println();
    }
    if (tune) {
      List<Tuning.Trial> trials =
          Tuning.easeLambda(
              TemporalSplit.perUser(data.interactions(), options.testFraction()).training(),
              options,
              LAMBDA_GRID);
      System.out.println("EASE λ on the validation split (the last fifth of each user's training)");
      System.out.println();
      System.out.println(Tuning.toMarkdown("λ", trials, options.k()));
      options = options.withEaseLambda(Tuning.best(trials).value());
    }
    System.out.print(run(data, options).toMarkdown());
  }
}
