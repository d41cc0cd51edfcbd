package io.vitrina.evaluation;

import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.algorithm.RecommendedItem;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.CooccurrenceIndicators;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.rule.Filters;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real engine, fed the training interactions the way the server feeds it: the catalog goes
 * into a {@link CatalogIndex}; every interaction becomes a {@code view_item} event (and a
 * {@code purchase} event when it is one) applied, oldest first, to the {@link ProfileStore}, the
 * {@link PopularityCounter} and the {@link ModelBuilder}; the built model is swapped into the
 * index; requests go through the {@link Recommender} with the user's visitor id.
 */
public final class TrainedVitrina implements Closeable {
  private final CatalogIndex index;
  private final Recommender recommender;

  private TrainedVitrina(CatalogIndex index, Recommender recommender) {
    this.index = index;
    this.recommender = recommender;
  }

  /**
   * @param training interactions, oldest first
   * @param halfLife of the popularity decay
   */
  public static TrainedVitrina train(
      List<Item> catalog, List<Interaction> training, Duration halfLife, CooccurrenceIndicators.Settings settings) {
    CatalogIndex index;
    try {
      index = CatalogIndex.inMemory(60_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    index.upsert(catalog);
    index.refresh();

    Instant now = training.isEmpty() ? Instant.EPOCH : at(training.get(training.size() - 1));
    // Origin at "now": 20 years of MovieLens are many half-lives; the counter would rebase, but
    // an origin at the end keeps every weight a plain fraction.
    PopularityCounter popularity = new PopularityCounter(now, halfLife);
    ProfileStore profiles = new ProfileStore();
    ModelBuilder builder = new ModelBuilder(settings);
    for (Interaction interaction : training) {
      apply(event(EventType.VIEW_ITEM, interaction), profiles, popularity, builder);
      if (interaction.isPurchase()) apply(event(EventType.PURCHASE, interaction), profiles, popularity, builder);
    }
    index.swapModel(builder.build(popularity.snapshot(now), now));
    return new TrainedVitrina(index, new Recommender(index, profiles, AlgorithmCatalog.standard()));
  }

  private static void apply(Event event, ProfileStore profiles, PopularityCounter popularity, ModelBuilder builder) {
    profiles.apply(event);
    popularity.record(event);
    builder.add(event, Map.of());
  }

  private static Event event(EventType type, Interaction interaction) {
    return new Event(
        type, interaction.userId(), null, List.of(EventItem.of(interaction.itemId())), null, null, null, at(interaction));
  }

  private static Instant at(Interaction interaction) {
    return Instant.ofEpochSecond(interaction.timestamp());
  }

  /** One algorithm of the catalogue, asked as a storefront would ask it, as a method to rank with. */
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
        RecommendationRequest request =
            new RecommendationRequest(
                algorithm, userId, null, null, null, null, List.of(), RecommendationRequest.MAX_LIMIT, Filters.NONE);
        List<String> out = new ArrayList<>(k);
        for (RecommendedItem item : recommender.recommend(request).items()) {
          if (out.size() == k) break;
          if (!exclude.contains(item.item().id())) out.add(item.item().id());
        }
        return out;
      }
    };
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
