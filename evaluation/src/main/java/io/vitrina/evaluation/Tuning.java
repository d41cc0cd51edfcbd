package io.vitrina.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hyperparameters chosen on a validation split carved from the training data, never on the test
 * split: each user's training interactions are split again by time (the last {@code testFraction}
 * held out), a model is trained on the first part per candidate value, and the value with the best
 * NDCG@k on the held-out purchases of all scorable users wins.
 */
final class Tuning {
  private Tuning() {}

  /** A tried value and the validation NDCG@k it scored. */
  record Trial(double value, double ndcg) {}

  /** The trials of EASE's λ over {@code grid}, in grid order. */
  static List<Trial> easeLambda(
      List<Interaction> training, OfflineEvaluation.Options options, double... grid) {
    TemporalSplit validation = TemporalSplit.perUser(training, options.testFraction());
    InteractionMatrix matrix = InteractionMatrix.of(validation.training(), options.minSupport());
    List<Trial> trials = new ArrayList<>(grid.length);
    for (double lambda : grid) {
      trials.add(new Trial(lambda, ndcg(ItemItemModel.ease(matrix, lambda), validation, options)));
    }
    return trials;
  }

  static Trial best(List<Trial> trials) {
    Trial best = trials.get(0);
    for (Trial t : trials) if (t.ndcg() > best.ndcg()) best = t;
    return best;
  }

  static String toMarkdown(String parameter, List<Trial> trials, int k) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(Locale.ROOT, "| %s | validation NDCG@%d |%n| ---: | ---: |%n", parameter, k));
    for (Trial t : trials) {
      out.append(String.format(Locale.ROOT, "| %s | %.4f |%n", format(t.value()), t.ndcg()));
    }
    return out.toString();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static double ndcg(
      RankingMethod method, TemporalSplit split, OfflineEvaluation.Options options) {
    RankingMetrics metrics = new RankingMetrics(options.k(), 1);
    for (String user : split.users()) {
      Set<String> relevant = split.relevant(user);
      if (relevant.isEmpty()) continue;
      metrics.add(method.recommend(user, split.trainingItems(user), options.k()), relevant);
    }
    return metrics.scores().ndcg();
  }
}
