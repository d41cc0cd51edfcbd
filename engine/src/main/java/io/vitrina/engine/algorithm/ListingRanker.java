package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-orders a store's listing for a shopper: reciprocal-rank fusion of the store's order and the
 * order of {@code personal}'s history query over the listed items. An item the history does not
 * reach keeps only its store rank, so a listing without any signal comes back as it was, and the
 * store's relevance (its search ranking, its merchandising) still counts for every item.
 *
 * <p>The shopper's affinities (favourite categories, brands, price band; {@link AffinityBoost}) are
 * a third order, at {@value #AFFINITY_SHARE} of the history's weight: they reach the items of a
 * liked brand or category that the history's indicators do not.
 */
final class ListingRanker {
  /** The usual RRF constant: ranks 1 and 10 differ by 13%, so one list cannot swamp the other. */
  static final int K = 60;

  static final String STORE_ORDER = "in the store's order";

  /**
   * The affinities' weight in the fusion against the history's: half, because a favourite category
   * says less of an item than a co-occurrence does (not tuned on data: no public listing data).
   */
  static final double AFFINITY_SHARE = 0.5;

  private final HistoryQuery history;

  ListingRanker(HistoryQuery history) {
    this.history = history;
  }

  /**
   * {@code listing} fused with the shopper's history; every id comes back once.
   *
   * @param personalization how much the history counts against the listing's order
   */
  List<RankedItem> rank(List<String> listing, double personalization, AlgorithmContext context) {
    Map<String, Integer> personalRank = new HashMap<>();
    Map<String, String> reasons = new HashMap<>();
    HistoryQuery.Match match = personalization > 0 ? history.match(context) : null;
    if (match != null) {
      // Only the listed items, and only what the history's indicators reach: every item of a
      // favourite category would otherwise get a personal rank, and rank fusion ignores how weak
      // that match is. One out of stock is not scored, and keeps its listing rank.
      int rank = 0;
      for (Candidate candidate : match.reached(listing)) {
        personalRank.put(candidate.item().id(), rank++);
        reasons.put(candidate.item().id(), candidate.explanation());
      }
    }
    Map<String, Integer> affinityRank =
        match == null || match.affinity() == null
            ? Map.of()
            : affinityRanks(listing, match.affinity(), context, reasons);
    List<RankedItem> out = new ArrayList<>(listing.size());
    for (int position = 0; position < listing.size(); position++) {
      String id = listing.get(position);
      Integer personal = personalRank.get(id);
      Integer liked = affinityRank.get(id);
      double score = storeScore(position);
      if (personal != null) score += personalization / (K + personal + 1);
      if (liked != null) score += AFFINITY_SHARE * personalization / (K + liked + 1);
      Item item = context.catalog().item(id).orElse(null);
      boolean personalized = personal != null || liked != null;
      out.add(
          new RankedItem(
              id, item, score, personalized ? reasons.get(id) : STORE_ORDER, personalized));
    }
    out.sort(Comparator.comparingDouble(RankedItem::score).reversed());
    return out;
  }

  /** What an item's place in the store's order adds to its fused score (0 first). */
  static double storeScore(int position) {
    return 1.0 / (K + position + 1);
  }

  /**
   * The listed items in stock that the shopper's affinities reach, by the sum of their boosts (the
   * listing's order breaks ties), scored from the items in memory: no query needed.
   */
  private static Map<String, Integer> affinityRanks(
      List<String> listing,
      AffinityBoost affinity,
      AlgorithmContext context,
      Map<String, String> reasons) {
    record Liked(Item item, double score) {}
    List<Liked> liked = new ArrayList<>();
    for (String id : listing) {
      Item item = context.catalog().item(id).orElse(null);
      if (item == null || !item.inStock()) continue;
      double score = affinity.score(item);
      if (score > 0) liked.add(new Liked(item, score));
    }
    liked.sort(Comparator.comparingDouble(Liked::score).reversed());
    Map<String, Integer> ranks = new HashMap<>();
    for (Liked one : liked) {
      ranks.putIfAbsent(one.item().id(), ranks.size());
      reasons.putIfAbsent(one.item().id(), affinity.reason(one.item()));
    }
    return ranks;
  }
}
