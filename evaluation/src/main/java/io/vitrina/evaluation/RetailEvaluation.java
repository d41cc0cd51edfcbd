package io.vitrina.evaluation;

import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.CooccurrenceIndicators;
import io.vitrina.engine.model.ImplicitFactors;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import io.vitrina.evaluation.OfflineEvaluation.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Offline evaluation on a store's own order log ({@link OrderLog}), with the two questions a
 * retailer asks of recommendations, both split by time at {@code testPeriod} before the log's end:
 *
 * <ul>
 *   <li><b>Next period, new items</b>: for each customer who ordered before the cut and bought,
 *       after it, something they had never bought, the ranking from their history before the cut
 *       (the items they bought excluded), scored against the new items they bought.
 *   <li><b>Rest of the basket</b>: for each order after the cut with two items or more, the ranking
 *       for its first line's item (as on that item's page), scored against the order's other items.
 * </ul>
 *
 * The engine's rows are the real engine fed the training orders as the server is fed them (one
 * {@code purchase} event per order, its lines with quantities and prices); EASE and item-kNN are
 * trained on the same customers × items purchases; popularity and random are the floors.
 */
public final class RetailEvaluation {
  /**
   * @param k the list length scored
   * @param testPeriod how much of the log's end is held out
   * @param popularityHalfLife decay of the engine's popularity
   * @param easeLambda EASE's L2 regularization (λ = 100, MovieLens' validated value; tune it on a
   *     store's own validation period)
   * @param minSupport training purchases an item needs for a column of the dense references
   */
  public record Options(
      int k, Duration testPeriod, Duration popularityHalfLife, double easeLambda, int minSupport) {
    public static final Options DEFAULTS =
        new Options(10, Duration.ofDays(30), Duration.ofDays(30), 100, 2);
  }

  /** One question's rows, over {@code cases} customers or orders. */
  public record Table(String question, String unit, int cases, List<Row> rows) {
    public Row row(String method) {
      return rows.stream()
          .filter(r -> r.method().equals(method))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no row " + method));
    }
  }

  public record Report(
      int customers,
      int items,
      int orders,
      int trainingLines,
      int returnsLeftOut,
      Instant cut,
      int k,
      Table nextPeriod,
      Table restOfBasket,
      double totalSeconds) {
    public String toMarkdown() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "Order log: %d customers, %d items, %d orders (%d return lines left out); cut at %s,"
                  + " %d training lines, k = %d%n",
              customers,
              items,
              orders,
              returnsLeftOut,
              cut,
              trainingLines,
              k));
      for (Table t : List.of(nextPeriod, restOfBasket)) {
        out.append(
            String.format(Locale.ROOT, "%n%s (%d %s)%n%n", t.question(), t.cases(), t.unit()));
        out.append(OfflineEvaluation.table(k, t.rows(), t.unit()));
      }
      out.append(String.format(Locale.ROOT, "%nTotal run time: %.1f s%n", totalSeconds));
      return out.toString();
    }
  }

  private RetailEvaluation() {}

  public static Report run(OrderLog log, Options options) {
    long started = System.nanoTime();
    if (log.lines().isEmpty()) throw new IllegalArgumentException("the order log has no lines");
    Instant cut = log.lines().getLast().at().minus(options.testPeriod());
    List<OrderLog.Line> training = log.lines().stream().filter(l -> l.at().isBefore(cut)).toList();
    List<OrderLog.Line> test = log.lines().stream().filter(l -> !l.at().isBefore(cut)).toList();
    if (training.isEmpty() || test.isEmpty())
      throw new IllegalArgumentException(
          "the test period of " + options.testPeriod() + " leaves no training or no test orders");
    List<Item> catalog = catalog(log.lines());
    Map<String, Set<String>> bought = itemsByCustomer(training);
    Map<String, Set<String>> newItems = newItems(test, bought);
    Cases cases =
        new Cases(
            new ArrayList<>(newItems.entrySet()),
            bought,
            baskets(test),
            catalog.size(),
            options.k());

    List<Row> nextRows = new ArrayList<>();
    List<Row> basketRows = new ArrayList<>();
    long t = System.nanoTime();
    try (TrainedVitrina vitrina =
        TrainedVitrina.fromEvents(
            catalog,
            purchases(training),
            options.popularityHalfLife(),
            CooccurrenceIndicators.Settings.DEFAULT)) {
      double trained = seconds(t);
      for (String algorithm :
          List.of(
              AlgorithmCatalog.POPULAR,
              AlgorithmCatalog.PERSONAL,
              AlgorithmCatalog.PERSONAL_EMBEDDING))
        nextRows.add(nextPeriod(vitrina.method(algorithm), trained, cases));
      for (String algorithm : List.of(AlgorithmCatalog.POPULAR, AlgorithmCatalog.ALSO_BOUGHT))
        basketRows.add(restOfBasket(vitrina.itemMethod(algorithm), trained, cases));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InteractionMatrix matrix = InteractionMatrix.of(interactions(training), options.minSupport());
    t = System.nanoTime();
    ItemItemModel knn = ItemItemModel.cosine(matrix);
    double knnSeconds = seconds(t);
    nextRows.add(nextPeriod(knn, knnSeconds, cases));
    basketRows.add(restOfBasket(knn.fromItem(), knnSeconds, cases));
    knn = null; // one n² matrix alive at a time
    t = System.nanoTime();
    RankingMethod factors = FactorModel.train(matrix, ImplicitFactors.Settings.DEFAULT);
    nextRows.add(nextPeriod(factors, seconds(t), cases));
    t = System.nanoTime();
    ItemItemModel ease = ItemItemModel.ease(matrix, options.easeLambda());
    double easeSeconds = seconds(t);
    nextRows.add(nextPeriod(ease, easeSeconds, cases));
    basketRows.add(restOfBasket(ease.fromItem(), easeSeconds, cases));
    List<String> ids = catalog.stream().map(Item::id).toList();
    nextRows.add(nextPeriod(new RandomBaseline(ids, 42L), 0, cases));

    return new Report(
        (int) log.lines().stream().map(OrderLog.Line::customer).distinct().count(),
        catalog.size(),
        (int) log.lines().stream().map(OrderLog.Line::orderId).distinct().count(),
        training.size(),
        log.returnsLeftOut(),
        cut,
        options.k(),
        new Table(
            "Next period: new items a customer bought after the cut",
            "customers",
            cases.customers().size(),
            nextRows),
        new Table(
            "Rest of the basket from its first item, orders after the cut",
            "orders",
            cases.baskets().size(),
            basketRows),
        seconds(started));
  }

  /** Every item of the log, at its latest price: ids are all an order log knows of them. */
  private static List<Item> catalog(List<OrderLog.Line> lines) {
    Map<String, Double> price = new TreeMap<>();
    for (OrderLog.Line l : lines) price.put(l.itemId(), l.price());
    List<Item> out = new ArrayList<>(price.size());
    price.forEach(
        (id, p) ->
            out.add(
                new Item(
                    id,
                    id,
                    "",
                    null,
                    null,
                    List.of(),
                    null,
                    p,
                    null,
                    1,
                    true,
                    List.of(),
                    Map.of(),
                    Instant.EPOCH)));
    return out;
  }

  /** One purchase event per order, oldest first, as a store's tracker or backend sends it. */
  static List<Event> purchases(List<OrderLog.Line> lines) {
    Map<String, List<OrderLog.Line>> byOrder = new LinkedHashMap<>();
    for (OrderLog.Line l : lines)
      byOrder.computeIfAbsent(l.orderId(), o -> new ArrayList<>()).add(l);
    List<Event> out = new ArrayList<>(byOrder.size());
    byOrder.forEach(
        (order, orderLines) -> {
          List<EventItem> items = new ArrayList<>();
          double value = 0;
          for (OrderLog.Line l : orderLines) {
            items.add(new EventItem(l.itemId(), l.quantity(), l.price()));
            value += l.quantity() * l.price();
          }
          OrderLog.Line first = orderLines.getFirst();
          out.add(
              new Event(
                  EventType.PURCHASE,
                  first.customer(),
                  null,
                  items,
                  null,
                  null,
                  null,
                  first.at(),
                  null,
                  new Transaction(order, value, null)));
        });
    return out;
  }

  private static List<Interaction> interactions(List<OrderLog.Line> lines) {
    return lines.stream()
        .map(
            l ->
                new Interaction(
                    l.customer(), l.itemId(), Interaction.PURCHASE_RATING, l.at().getEpochSecond()))
        .toList();
  }

  private static Map<String, Set<String>> itemsByCustomer(List<OrderLog.Line> lines) {
    Map<String, Set<String>> out = new HashMap<>();
    for (OrderLog.Line l : lines)
      out.computeIfAbsent(l.customer(), c -> new HashSet<>()).add(l.itemId());
    return out;
  }

  /** Customers with training orders, and the items new to them they bought after the cut. */
  private static Map<String, Set<String>> newItems(
      List<OrderLog.Line> test, Map<String, Set<String>> bought) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (OrderLog.Line l : test) {
      Set<String> before = bought.get(l.customer());
      if (before == null || before.contains(l.itemId())) continue;
      out.computeIfAbsent(l.customer(), c -> new HashSet<>()).add(l.itemId());
    }
    return out;
  }

  /** The orders after the cut with two distinct items or more, each in its lines' order. */
  private static List<List<String>> baskets(List<OrderLog.Line> test) {
    Map<String, Set<String>> byOrder = new LinkedHashMap<>();
    for (OrderLog.Line l : test)
      byOrder.computeIfAbsent(l.orderId(), o -> new LinkedHashSet<>()).add(l.itemId());
    return byOrder.values().stream().filter(b -> b.size() >= 2).map(List::copyOf).toList();
  }

  /**
   * What both questions ask: the customers with new items after the cut (and what each bought
   * before), the baskets after it, the catalog's size (for coverage) and k.
   */
  private record Cases(
      List<Map.Entry<String, Set<String>>> customers,
      Map<String, Set<String>> bought,
      List<List<String>> baskets,
      int catalogSize,
      int k) {}

  private static Row nextPeriod(RankingMethod method, double trainSeconds, Cases cases) {
    return scored(
        method.name(),
        trainSeconds,
        cases.customers().size(),
        u -> {
          Map.Entry<String, Set<String>> customer = cases.customers().get(u);
          Set<String> exclude = cases.bought().get(customer.getKey());
          return new Case(
              method.recommend(customer.getKey(), exclude, cases.k()),
              exclude,
              customer.getValue());
        },
        cases);
  }

  private static Row restOfBasket(ItemToItemMethod method, double trainSeconds, Cases cases) {
    return scored(
        method.name(),
        trainSeconds,
        cases.baskets().size(),
        b -> {
          List<String> basket = cases.baskets().get(b);
          Set<String> exclude = Set.of(basket.getFirst());
          return new Case(
              method.related(basket.getFirst(), exclude, cases.k()),
              exclude,
              Set.copyOf(basket.subList(1, basket.size())));
        },
        cases);
  }

  /** One scored case: the list a method gave, what it may not show, what was relevant. */
  private record Case(List<String> list, Set<String> exclude, Set<String> relevant) {}

  private static Row scored(
      String method, double trainSeconds, int count, Function<Integer, Case> ask, Cases cases) {
    long started = System.nanoTime();
    List<Case> answered = IntStream.range(0, count).parallel().mapToObj(ask::apply).toList();
    RankingMetrics metrics = new RankingMetrics(cases.k(), cases.catalogSize());
    for (Case c : answered) {
      // The harness enforces the contract too: no method scores with an item it may not show.
      List<String> list =
          c.list().stream()
              .filter(id -> !c.exclude().contains(id))
              .distinct()
              .limit(cases.k())
              .toList();
      metrics.add(list, c.relevant());
    }
    double millis = (System.nanoTime() - started) / 1e6 / Math.max(1, count);
    return new Row(method, metrics.scores(), trainSeconds, millis, metrics.ndcgByUser());
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static final String USAGE =
      "usage: --orders FILE.csv [--test-days=D] [--ease-lambda=L] [--k=K] | --generate-orders FILE.csv";

  /** {@code ./vitrina evaluate --orders FILE}: both questions on the store's log, as markdown. */
  public static void main(String[] args) {
    Options d = Options.DEFAULTS;
    int k = d.k();
    Duration testPeriod = d.testPeriod();
    double lambda = d.easeLambda();
    Path orders = null;
    for (int a = 0; a < args.length; a++) {
      String arg = args[a];
      if (arg.equals("--orders") && a + 1 < args.length) orders = Path.of(args[++a]);
      else if (arg.startsWith("--orders=")) orders = Path.of(arg.substring(9));
      else if (arg.equals("--generate-orders") && a + 1 < args.length) {
        Path file = Path.of(args[++a]);
        OrderLogGenerator.small(42L).generate().write(file);
        System.out.println("Wrote a generated order log to " + file);
        return;
      } else if (arg.startsWith("--test-days="))
        testPeriod = Duration.ofDays(Long.parseLong(arg.substring(12)));
      else if (arg.startsWith("--ease-lambda=")) lambda = Double.parseDouble(arg.substring(14));
      else if (arg.startsWith("--k=")) k = Integer.parseInt(arg.substring(4));
      else {
        System.err.println("unknown option " + arg + "; " + USAGE);
        System.exit(2);
      }
    }
    if (orders == null) {
      System.err.println(USAGE);
      System.exit(2);
    }
    Options options = new Options(k, testPeriod, d.popularityHalfLife(), lambda, d.minSupport());
    System.out.print(run(OrderLog.load(orders), options).toMarkdown());
  }
}
