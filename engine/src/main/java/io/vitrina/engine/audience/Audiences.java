package io.vitrina.engine.audience;

import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.profile.Affinity;
import io.vitrina.engine.profile.Facet;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.profile.ProfileView;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audiences of shoppers: look-alikes of a seed (one shopper, or the buyers a campaign converted),
 * and shoppers by taste (everyone who likes a brand). The profile index they search is kept up to
 * date by {@link #indexChanged}, which writes the profiles changed since its last call.
 *
 * <p>The index is derived from the profiles, so a writer that fails for good (Lucene closes it
 * after a tragic event, such as the heap running out mid-write) is replaced by a new, empty index
 * into which every profile is written again; a batch that failed is written with the next one.
 */
public final class Audiences implements Closeable {
  /** A seed's centroid keeps this many values per facet: enough for taste, few query clauses. */
  static final int TARGET_VALUES_PER_FACET = 12;

  private static final Logger LOG = LoggerFactory.getLogger(Audiences.class);

  private final ProfileStore profiles;
  private final Supplier<ItemVectors> vectors;

  /** Replaced whole when its writer failed for good. */
  private volatile ProfileIndex index = new ProfileIndex();

  private final AtomicInteger reopened = new AtomicInteger();

  public Audiences(ProfileStore profiles, Supplier<ItemVectors> vectors) {
    this.profiles = profiles;
    this.vectors = vectors;
  }

  /** What one {@link #indexChanged} did, and what still waits. */
  public record Batch(int written, int removed, int pending) {}

  /**
   * Writes up to {@code max} profiles changed since the last call (removing those that went) and
   * makes them searchable. Blocking: for a worker thread.
   */
  public Batch indexChanged(int max) {
    if (index.failure() != null) reopen();
    List<String> keys = profiles.drainChanged(max);
    if (keys.isEmpty()) return new Batch(0, 0, profiles.changedCount());
    try {
      return write(keys);
    } catch (RuntimeException | Error e) {
      profiles.markChanged(keys); // the next run writes them
      throw e;
    }
  }

  private Batch write(List<String> keys) {
    ItemVectors model = vectors.get();
    List<ProfileIndex.ShopperDocument> written = new ArrayList<>(keys.size());
    List<String> gone = new ArrayList<>();
    for (String key : keys) {
      Optional<ProfileView> profile = profiles.viewOf(key);
      if (profile.isEmpty()) {
        gone.add(key);
        continue;
      }
      ProfileView view = profile.get();
      written.add(
          new ProfileIndex.ShopperDocument(
              key, view.affinities(), ShopperVector.of(view, view.cart(), model), view.region()));
    }
    index.write(written, gone);
    return new Batch(written.size(), gone.size(), profiles.changedCount());
  }

  /** A new, empty index in place of the failed one, and every profile to write into it. */
  private synchronized void reopen() {
    ProfileIndex failed = index;
    Throwable why = failed.failure();
    if (why == null) return; // reopened meanwhile
    index = new ProfileIndex();
    reopened.incrementAndGet();
    try {
      failed.close();
    } catch (IOException | RuntimeException e) {
      // Closing what already failed may fail again; it holds nothing but heap.
    }
    profiles.markAllChanged();
    LOG.warn(
        "The profile index writer had failed ({}); a new index was opened and all {} profiles are"
            + " being written into it",
        why.toString(),
        profiles.size());
  }

  /** Why the profile index cannot be written now, or empty while it can. */
  public Optional<String> problem() {
    Throwable failure = index.failure();
    return failure == null
        ? Optional.empty()
        : Optional.of("the profile index writer failed: " + failure);
  }

  /** The index searched now; for tests. */
  ProfileIndex index() {
    return index;
  }

  /** How many times a failed index was replaced since start. */
  public int reopenCount() {
    return reopened.get();
  }

  /**
   * The {@code size} shoppers most like the {@code seed} shoppers (profile keys), the seeds left
   * out; empty when no seed has a profile (or, by vector, no seed has a vector).
   *
   * @param region only shoppers last seen in this region, or null for all
   */
  public List<AudienceMember> lookalikes(List<String> seed, Likeness by, String region, int size) {
    List<ProfileView> seeds = new ArrayList<>();
    for (String key : seed) profiles.viewOf(key).ifPresent(seeds::add);
    if (seeds.isEmpty()) return List.of();
    return switch (by) {
      case AFFINITY -> index.byAffinity(centroid(seeds), seed, region, size);
      case VECTOR -> {
        float[] centre = vectorCentroid(seeds);
        yield centre == null ? List.of() : index.byVector(centre, seed, region, size);
      }
    };
  }

  /**
   * The {@code size} shoppers whose affinities best match {@code target} (per facet, values and
   * their weights): an audience by taste.
   */
  public List<AudienceMember> byAffinity(
      Map<Facet, Map<String, Float>> target, String region, int size) {
    return index.byAffinity(target, List.of(), region, size);
  }

  /**
   * The profile key of a shopper named by a visitor id, a customer id or both; null for neither.
   */
  public String keyOf(String visitorId, String customerId) {
    return profiles.resolve(visitorId, customerId);
  }

  /** Shoppers indexed. */
  public int indexed() {
    return index.size();
  }

  /** Heap the profile index's files take. */
  public long indexBytes() {
    return index.sizeInBytes();
  }

  /** Profiles changed and not yet indexed. */
  public int pending() {
    return profiles.changedCount();
  }

  /** The seeds' mean share of each value, the strongest {@value #TARGET_VALUES_PER_FACET}. */
  private static Map<Facet, Map<String, Float>> centroid(List<ProfileView> seeds) {
    Map<Facet, Map<String, Float>> sums = new EnumMap<>(Facet.class);
    for (ProfileView seed : seeds)
      seed.affinities()
          .byFacet()
          .forEach(
              (facet, values) -> {
                Map<String, Float> sum = sums.computeIfAbsent(facet, f -> new HashMap<>());
                for (Affinity a : values)
                  sum.merge(a.value(), a.share() / seeds.size(), Float::sum);
              });
    Map<Facet, Map<String, Float>> out = new EnumMap<>(Facet.class);
    sums.forEach(
        (facet, values) -> {
          Map<String, Float> top = new LinkedHashMap<>();
          values.entrySet().stream()
              .sorted(Map.Entry.<String, Float>comparingByValue().reversed())
              .limit(TARGET_VALUES_PER_FACET)
              .forEach(e -> top.put(e.getKey(), e.getValue()));
          out.put(facet, top);
        });
    return out;
  }

  /** The mean of the seeds' unit vectors; null when none has a vector. */
  private float[] vectorCentroid(List<ProfileView> seeds) {
    ItemVectors model = vectors.get();
    float[] sum = null;
    for (ProfileView seed : seeds) {
      float[] unit = ProfileIndex.unit(ShopperVector.of(seed, seed.cart(), model));
      if (unit == null) continue;
      if (sum == null) sum = new float[unit.length];
      for (int i = 0; i < unit.length; i++) sum[i] += unit[i];
    }
    return sum;
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
