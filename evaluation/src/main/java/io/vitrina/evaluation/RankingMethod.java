package io.vitrina.evaluation;

import java.util.List;
import java.util.Set;

/** A recommender under evaluation, already trained on the training split. */
public interface RankingMethod {
  /** Short name for the report, e.g. {@code personal}. */
  String name();

  /**
   * Up to {@code k} item ids for the user, best first, none of them in {@code exclude} (the items
   * the user interacted with in training). Must be safe to call from several threads.
   */
  List<String> recommend(String userId, Set<String> exclude, int k);
}
