package io.vitrina.server.triggers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.RecommendedItem;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.experiment.Assignment;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.Experiments;
import io.vitrina.engine.experiment.Placement;
import io.vitrina.engine.signal.ShopperKeys;
import io.vitrina.engine.trigger.CatalogFacts;
import io.vitrina.engine.trigger.CatalogFacts.ItemFact;
import io.vitrina.engine.trigger.Decision;
import io.vitrina.engine.trigger.Firing;
import io.vitrina.engine.trigger.Sent;
import io.vitrina.engine.trigger.TriggerRules;
import io.vitrina.server.http.JobPace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scan over every profile this node holds (each node holds every shopper's, fed by the shared
 * event log): the rules' decision for each, the fired ones with their items from the kind's
 * algorithm. Blocking: runs on a worker. The catalog is read through one searcher for the whole
 * scan, each item once.
 */
final class TriggerScan {
  /** Items a message carries, at most. */
  static final int ITEMS = 6;

  private final ServingCore core;
  private final Experiments experiments;

  /**
   * @param experiments the running experiments: one on a kind ({@link Placement#trigger}) decides
   *     whose messages are held out, and is told who was exposed
   */
  TriggerScan(ServingCore core, Experiments experiments) {
    this.core = core;
    this.experiments = experiments;
  }

  /**
   * What the scan found: the rows to record, the exposures to experiments on kinds (written once
   * the rows are), and how many profiles it read.
   */
  record Result(
      List<TriggerMessage> messages, List<Experiments.Exposure> exposures, int profiles) {}

  /**
   * @param pace steps between two profiles
   */
  Result run(TriggerRules rules, Map<String, Sent> sentByRecordedKey, Instant now, JobPace pace) {
    Map<String, Sent> sent = byCurrentKey(sentByRecordedKey);
    return core.index()
        .withSearcher(
            searcher -> {
              Map<String, Optional<ItemFact>> seen = new HashMap<>();
              CatalogFacts facts =
                  id -> seen.computeIfAbsent(id, k -> fact(searcher, k)).orElse(null);
              List<TriggerMessage> out = new ArrayList<>();
              List<Experiments.Exposure> exposures = new ArrayList<>();
              int[] profiles = {0};
              core.forEachProfile(
                  (key, profile) -> {
                    pace.step();
                    profiles[0]++;
                    Decision d =
                        rules.decide(profile, sent.getOrDefault(key, Sent.NONE), facts, now);
                    if (d.fire() != null) {
                      Optional<Experiments.Exposure> exposure = exposure(key, d.fire());
                      exposure.ifPresent(exposures::add);
                      boolean heldOut = exposure.isPresent() && exposure.get().arm().holdout();
                      TriggerMessage.Status status =
                          heldOut ? TriggerMessage.Status.HOLDOUT : TriggerMessage.Status.FIRED;
                      out.add(message(key, d.fire(), status, items(key, d.fire()), now));
                    }
                    for (Firing f : d.suppressed())
                      out.add(
                          message(key, f, TriggerMessage.Status.SUPPRESSED, new JsonArray(), now));
                  });
              return new Result(out, exposures, profiles[0]);
            });
  }

  /**
   * What was sent, under the key each shopper's profile has now: a visitor who signed in since is
   * their customer profile, and what their visitor key was sent counts for it, so an occasion used
   * up before the sign-in does not fire again, and the caps hold across it.
   */
  private Map<String, Sent> byCurrentKey(Map<String, Sent> sent) {
    Map<String, Sent> out = new HashMap<>(sent.size());
    sent.forEach(
        (key, s) -> {
          String current =
              ShopperKeys.isCustomer(key)
                  ? key
                  : core.profiles().resolve(ShopperKeys.id(key), null);
          out.merge(current, s, Sent::merged);
        });
    return out;
  }

  /**
   * The shopper's arm of the experiment running on the fired kind, if one runs and takes them in:
   * its holdout's messages are recorded and never delivered, and the report compares the arms.
   */
  private Optional<Experiments.Exposure> exposure(String key, Firing fired) {
    Experiment experiment =
        experiments.runningOn(Placement.trigger(fired.kind().wireName())).orElse(null);
    if (experiment == null) return Optional.empty();
    String visitor = ShopperKeys.isCustomer(key) ? null : ShopperKeys.id(key);
    String customer = ShopperKeys.isCustomer(key) ? ShopperKeys.id(key) : null;
    return Assignment.arm(experiment, Assignment.shopperId(visitor, customer))
        .map(arm -> new Experiments.Exposure(experiment, arm, visitor, customer));
  }

  private static Optional<ItemFact> fact(
      org.apache.lucene.search.IndexSearcher searcher, String id) {
    return CatalogIndex.find(searcher, id)
        .map(
            item ->
                new ItemFact(
                    item.price(),
                    item.oldPrice(),
                    item.inStock(),
                    item.categories().isEmpty() ? null : item.categories().getLast(),
                    CatalogIndex.restockedAt(searcher, id)));
  }

  private static TriggerMessage message(
      String key, Firing f, TriggerMessage.Status status, JsonArray items, Instant now) {
    JsonObject subject = new JsonObject();
    if (f.item() != null) subject.put("item", f.item());
    if (f.category() != null) subject.put("category", f.category());
    if (f.query() != null) subject.put("query", f.query());
    return new TriggerMessage(
        0, key, f.kind().wireName(), f.occasion(), status, subject, items, now);
  }

  /** The kind's algorithm for this shopper and occasion; none when it cannot answer. */
  private JsonArray items(String key, Firing f) {
    RecommendationRequest.Builder ask =
        RecommendationRequest.builder(f.kind().algorithm()).limit(ITEMS);
    if (key.startsWith("c:")) ask.customer(key.substring(2));
    else ask.visitor(key.substring(2));
    if (f.item() != null) ask.item(f.item());
    if (f.category() != null) ask.category(f.category());
    if (f.query() != null) ask.query(f.query());
    if (!f.basket().isEmpty()) ask.cart(f.basket());
    JsonArray out = new JsonArray();
    try {
      for (RecommendedItem r : core.recommend(ask.build()).items()) out.add(itemJson(r.item()));
    } catch (RuntimeException e) {
      // An item or category gone from the catalog since: the message goes with no items.
    }
    return out;
  }

  private static JsonObject itemJson(Item item) {
    return new JsonObject()
        .put("id", item.id())
        .put("title", item.title())
        .put("url", item.url())
        .put("image", item.image())
        .put("price", item.price())
        .put("old_price", item.oldPrice());
  }
}
