package io.vitrina.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mahout.cf.taste.common.NoSuchUserException;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;

/**
 * The reference from the literature: Mahout Taste's item-based recommender on boolean preferences
 * with log-likelihood similarity (Dunning 1993; Mahout in Action, ch. 4), trained on every training
 * interaction as "the user interacted with the item". Taste already leaves out the items the user
 * has; {@code exclude} is applied again to be certain.
 *
 * <p>Taste needs long ids: users and items are mapped to dense longs here.
 */
public final class MahoutItemBased implements RankingMethod {
  private final GenericBooleanPrefItemBasedRecommender recommender;
  private final Map<String, Long> userIds;
  private final List<String> itemNames;

  private MahoutItemBased(
      GenericBooleanPrefItemBasedRecommender recommender,
      Map<String, Long> userIds,
      List<String> itemNames) {
    this.recommender = recommender;
    this.userIds = userIds;
    this.itemNames = itemNames;
  }

  public static MahoutItemBased train(List<Interaction> training) {
    Map<String, Long> userIds = new HashMap<>();
    Map<String, Long> itemIds = new HashMap<>();
    List<String> itemNames = new ArrayList<>();
    FastByIDMap<FastIDSet> data = new FastByIDMap<>();
    for (Interaction i : training) {
      long user = userIds.computeIfAbsent(i.userId(), u -> (long) userIds.size());
      long item =
          itemIds.computeIfAbsent(
              i.itemId(),
              id -> {
                itemNames.add(id);
                return (long) itemNames.size() - 1;
              });
      FastIDSet items = data.get(user);
      if (items == null) data.put(user, items = new FastIDSet());
      items.add(item);
    }
    DataModel model = new GenericBooleanPrefDataModel(data);
    var recommender =
        new GenericBooleanPrefItemBasedRecommender(model, new LogLikelihoodSimilarity(model));
    return new MahoutItemBased(recommender, Map.copyOf(userIds), List.copyOf(itemNames));
  }

  @Override
  public String name() {
    return "mahout_item_llr";
  }

  @Override
  public List<String> recommend(String userId, Set<String> exclude, int k) {
    Long user = userIds.get(userId);
    if (user == null) return List.of(); // no training history: item-based CF has nothing to say
    try {
      List<String> out = new ArrayList<>(k);
      for (RecommendedItem item : recommender.recommend(user, k + Math.min(exclude.size(), k))) {
        String id = itemNames.get((int) item.getItemID());
        if (!exclude.contains(id) && out.size() < k) out.add(id);
      }
      return out;
    } catch (NoSuchUserException e) {
      return List.of();
    } catch (TasteException e) {
      throw new IllegalStateException("Mahout failed for user " + userId, e);
    }
  }
}
