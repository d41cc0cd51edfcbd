package io.vitrina.engine.experiment;

import io.vitrina.engine.signal.ShopperKeys;
import java.util.List;
import java.util.Optional;

/**
 * Which arm a shopper is in: a deterministic hash of the experiment's salt and the shopper's id, so
 * every node and every restart agrees without storing anything.
 *
 * <p>The id hashed is the visitor id when the request has one (the first-party id a browser keeps),
 * else the customer id. A shopper who logs in keeps the arm of the device they were exposed on; the
 * same customer on a second device is hashed by that device's visitor id and may land in another
 * arm: reports count such shoppers (exposed in more than one arm) and keep each in the arm of their
 * first exposure.
 *
 * <p>The hash is GrowthBook's v2 bucketing (FNV-1a 32 applied twice, 10,000 buckets), and arms take
 * ranges of the unit interval scaled by the traffic share, as GrowthBook's do: lowering the share
 * only drops shoppers, it moves nobody to another arm.
 */
public final class Assignment {
  private static final int BUCKETS = 10_000;

  private Assignment() {}

  /** The id an experiment hashes for a request naming these ids, or null when it names none. */
  public static String shopperId(String visitorId, String customerId) {
    if (visitorId != null && !visitorId.isBlank()) return ShopperKeys.visitor(visitorId);
    if (customerId != null && !customerId.isBlank()) return ShopperKeys.customer(customerId);
    return null;
  }

  /** The shopper's place in [0, 1) for {@code salt}: uniform, in steps of 1/10,000. */
  public static double bucket(String salt, String shopperId) {
    long first = fnv1a32(salt + shopperId);
    return (fnv1a32(Long.toString(first)) % BUCKETS) / (double) BUCKETS;
  }

  /**
   * The arm of a running experiment the shopper is in, or empty when the experiment is not running
   * or the shopper falls outside its traffic share (they get the placement as saved, uncounted).
   */
  public static Optional<Arm> arm(Experiment experiment, String shopperId) {
    if (shopperId == null || experiment.status() != Status.RUNNING) return Optional.empty();
    Phase phase = experiment.currentPhase().orElse(null);
    if (phase == null) return Optional.empty();
    int index = range(bucket(experiment.traffic().salt(), shopperId), phase);
    return index < 0 ? Optional.empty() : Optional.of(experiment.arms().get(index));
  }

  /** The index of the arm whose range holds {@code bucket}, or -1 when none does. */
  static int range(double bucket, Phase phase) {
    List<Double> weights = phase.weights();
    double total = 0;
    for (double w : weights) total += w;
    double start = 0;
    for (int i = 0; i < weights.size(); i++) {
      double width = weights.get(i) / total;
      if (bucket >= start && bucket < start + width * phase.share()) return i;
      start += width;
    }
    return -1;
  }

  /** 32-bit FNV-1a over the string's UTF-16 code units, as GrowthBook's SDKs compute it. */
  static long fnv1a32(String s) {
    int hash = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      hash ^= s.charAt(i);
      hash *= 0x01000193;
    }
    return Integer.toUnsignedLong(hash);
  }
}
