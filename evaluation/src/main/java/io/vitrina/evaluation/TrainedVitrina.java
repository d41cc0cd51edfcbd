package io.vitrina.evaluation;

import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.RecommendedItem;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.CooccurrenceIndicators;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real engine, fed the training interactions the way the server feeds it: the catalog goes into
 * the {@link ServingCore}'s index; every interaction becomes a {@code view_item} event (and a
 * {@code purchase} event when it is one) applied, oldest first, to the core and to its model
 * builder; the built model is swapped in; requests go through the core with the user's visitor id.
 */
public final class TrainedVitrina implements Closeable {
  private final ServingCore core;

  private TrainedVitrina(ServingCore core) {
    this.core = core;
  }

  /**
   * @param training interactions, oldest first
   * @param halfLife of the popularity decay
   */
  public static TrainedVitrina train(
      List<Item> catalog,
      List<Interaction> training,
      Duration halfLife,
      CooccurrenceIndicators.Settings settings) {
    List<Event> events = new ArrayList<>(training.size() * 2);
    for (Interaction interaction : training) {
      events.add(event(EventType.VIEW_ITEM, interaction));
      if (interaction.isPurchase()) events.add(event(EventType.PURCHASE, interaction));
    }
    return fromEvents(catalog, events, halfLife, settings);
  }

  /**
   * The engine fed {@code events} (oldest first) as the server feeds it; requests are answered as
   * of the last event.
   */
  public static TrainedVitrina fromEvents(
      List<Item> catalog,
      List<Event> events,
      Duration halfLife,
      CooccurrenceIndicators.Settings settings) {
    CatalogIndex index;
    try {
      index = CatalogIndex.inMemory(60_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant now = events.isEmpty() ? Instant.EPOCH : events.getLast().occurredAt();
    // Popularity origin at "now": 20 years of MovieLens are many half-lives; the counter would
    // rebase, but an origin at the end keeps every weight a plain fraction.
    ServingCore.Settings coreSettings =
        ServingCore.Settings.DEFAULT.withPopularityHalfLife(halfLife).withCooccurrence(settings);
    // Requests happen at the end of training: that is "now" for which purchases are recent.
    ServingCore core = new ServingCore(index, coreSettings, now, Clock.fixed(now, ZoneOffset.UTC));
    index.upsert(catalog);
    index.refresh();
    ModelBuilder builder = core.newModelBuilder();
    for (Event event : events) apply(event, core, builder);
    core.buildAndSwap(builder, now);
    core.trainFactors(builder);
    return new TrainedVitrina(core);
  }

  private static void apply(Event event, ServingCore core, ModelBuilder builder) {
    core.apply(event);
    builder.add(event, Map.of());
  }

  private static Event event(EventType type, Interaction interaction) {
    return new Event(
        type,
        interaction.userId(),
        null,
        List.of(EventItem.of(interaction.itemId())),
        null,
        null,
        null,
        at(interaction));
  }

  private static Instant at(Interaction interaction) {
    return Instant.ofEpochSecond(interaction.timestamp());
  }

  /**
   * One algorithm of the catalogue, asked as a storefront would ask it, as a method to rank with.
   */
  public RankingMethod method(String algorithm) {
    return new RankingMethod() {
      @Override
      public String name() {
        return algorithm;
      }

      @Override
      public List<String> recommend(String userId, Set<String> exclude, int k) {
        // Fairness: held-out items are by construction not in training, so a method that shows
        // training items back wastes slots the others fill with candidates. Mahout and random
        // exclude every training item; `personal` excludes only the recent history the profile
        // keeps (20 views, 10 purchases) and `popular` excludes nothing. So every method is
        // asked for a long list and the user's training items are dropped before the top k are
        // taken: the ranking each algorithm would show with a "not seen before" rule.
        return firstK(RecommendationRequest.builder(algorithm).visitor(userId), exclude, k);
      }
    };
  }

  /** One item-to-item algorithm of the catalogue, asked on the page of the query item. */
  public ItemToItemMethod itemMethod(String algorithm) {
    return new ItemToItemMethod() {
      @Override
      public String name() {
        return algorithm;
      }

      @Override
      public List<String> related(String itemId, Set<String> exclude, int k) {
        return firstK(RecommendationRequest.builder(algorithm).item(itemId), exclude, k);
      }
    };
  }

  /**
   * The first {@code k} items of the longest answer to {@code request}, none in {@code exclude}.
   */
  private List<String> firstK(RecommendationRequest.Builder request, Set<String> exclude, int k) {
    List<String> out = new ArrayList<>(k);
    for (RecommendedItem item :
        core.recommend(request.limit(RecommendationRequest.MAX_LIMIT).build()).items()) {
      if (out.size() == k) break;
      if (!exclude.contains(item.item().id())) out.add(item.item().id());
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    core.close();
  }
}
