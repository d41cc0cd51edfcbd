package io.vitrina.server.recommend;

import io.vitrina.engine.algorithm.Shopper;
import io.vitrina.engine.experiment.Experiments;
import io.vitrina.engine.experiment.GlobalHoldout;
import java.util.function.BiPredicate;

/**
 * Whom nothing may personalize: the global holdout's shoppers, and those who refused
 * personalization (their {@code consent}). Both are answered by the one anonymous path, {@link
 * GlobalHoldout#answer}; a refusal is checked first, so that such a shopper is in no experiment.
 */
public final class Personalization {
  private final Experiments experiments;
  private final BiPredicate<String, String> allowed;

  /**
   * @param allowed whether the shopper of a visitor id and a customer id (either may be null)
   *     allows personalization
   */
  public Personalization(Experiments experiments, BiPredicate<String, String> allowed) {
    this.experiments = experiments;
    this.allowed = allowed;
  }

  /** Whether the shopper refused personalization: answered as anonymous, in no experiment. */
  public boolean refused(Shopper shopper) {
    return shopper.isKnown() && !allowed.test(shopper.visitorId(), shopper.customerId());
  }

  /** Whether nothing may personalize the shopper's answers (a holdout's exposure told). */
  public boolean impersonal(Shopper shopper) {
    return refused(shopper) || GlobalHoldout.heldOut(experiments, shopper);
  }
}
