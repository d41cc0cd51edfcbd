package io.vitrina.engine.experiment;

import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.algorithm.Shopper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The global holdout: a share of shoppers (5% by default) whom no answer personalizes, anywhere, so
 * that a store reads the incremental revenue of the whole service and not only of one block.
 *
 * <p>It is an experiment like the others, {@value #ID}, on the placement {@link
 * Placement#everywhere()}: arm {@value #HOLDOUT} (the share) against arm {@value #PERSONALIZED}
 * (everyone else), counted and reported as any experiment is. A held-out shopper's every answer is
 * computed as for an anonymous shopper (no history, no profile, no cart of their own: bestsellers,
 * an item's neighbours, the page's context), and no block experiment takes them in. The service's
 * setting is the truth: at start it is created, or its weights changed (a new phase), or paused at
 * a share of 0, by {@link #reconciled}.
 */
public final class GlobalHoldout {
  public static final String ID = "global-holdout";
  public static final String HOLDOUT = "holdout";
  public static final String PERSONALIZED = "personalized";

  /** The share held out unless the store sets another: what large stores run. */
  public static final double DEFAULT_SHARE = 0.05;

  private GlobalHoldout() {}

  /** The experiment holding out {@code share} of the shoppers, as a draft. */
  public static Experiment draft(double share) {
    if (!(share > 0 && share < 1))
      throw new IllegalArgumentException("the global holdout must be in (0, 1), was " + share);
    return Experiment.draft(
        ID,
        Placement.everywhere(),
        List.of(
            new Arm(HOLDOUT, share, new Arm.Holdout()),
            new Arm(PERSONALIZED, 1 - share, new Arm.AsSaved())),
        new Experiment.Traffic(1, ID),
        new Experiment.Goals(Metric.REVENUE_PER_SHOPPER, List.of(Metric.CONVERSION)));
  }

  /**
   * What to store so that the global holdout holds {@code share} of the shoppers from {@code now},
   * given what is stored: nothing when it does already (or when it was stopped by hand: over for
   * good), else the experiment started, re-weighted in a new phase, or paused at a share of 0.
   */
  public static Optional<Experiment> reconciled(
      Optional<Experiment> stored, double share, Instant now) {
    if (stored.isEmpty())
      return share == 0 ? Optional.empty() : Optional.of(draft(share).started(now));
    Experiment current = stored.get();
    if (current.status() == Status.STOPPED
        || current.placement().kind() != Placement.Kind.EVERYWHERE) return Optional.empty();
    if (share == 0)
      return current.status() == Status.RUNNING ? Optional.of(current.paused()) : Optional.empty();
    Experiment next = current.edited(draft(share), now).experiment();
    if (next.status() != Status.RUNNING) next = next.started(now);
    return next.equals(current) ? Optional.empty() : Optional.of(next);
  }

  /**
   * The global holdout's arm for the shopper, telling {@code experiments} of their exposure; empty
   * when it does not run or the request names nobody.
   */
  public static Optional<Arm> armOf(Experiments experiments, Shopper shopper) {
    Experiment experiment = experiments.runningOn(Placement.everywhere()).orElse(null);
    if (experiment == null) return Optional.empty();
    Optional<Arm> arm =
        Assignment.arm(experiment, Assignment.shopperId(shopper.visitorId(), shopper.customerId()));
    arm.ifPresent(
        a ->
            experiments.exposed(
                new Experiments.Exposure(
                    experiment, a, shopper.visitorId(), shopper.customerId())));
    return arm;
  }

  /** Whether nothing may personalize the shopper's answers (their exposure told). */
  public static boolean heldOut(Experiments experiments, Shopper shopper) {
    return armOf(experiments, shopper).filter(Arm::holdout).isPresent();
  }

  /**
   * A held-out shopper's answer: the anonymous request's, or nothing when only the shopper's own
   * data could answer it (a cart their events built).
   */
  public static Recommendations answer(Recommender recommender, RecommendationRequest request) {
    RecommendationRequest anonymous = request.anonymous();
    boolean answerable =
        recommender
            .algorithms()
            .get(request.algorithm())
            .map(a -> a.requires().stream().allMatch(anonymous::has))
            .orElse(true); // an unknown algorithm: the recommender says what is wrong
    return answerable
        ? recommender.recommend(anonymous)
        : new Recommendations(request.algorithm(), List.of());
  }
}
