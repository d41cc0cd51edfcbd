package io.vitrina.engine.stats;

/**
 * A 64-bit linear congruential generator, uniform in [0, 1) from the top 53 bits: written the same
 * way in the Python script that ran gbstats on the same data, integer for integer, so both sides
 * see bit-identical per-shopper values. Not for simulations (they use SplittableRandom).
 */
final class Lcg {
  private long state;

  Lcg(long seed) {
    state = seed;
  }

  double next() {
    state = state * 6364136223846793005L + 1442695040888963407L;
    return (state >>> 11) * 0x1.0p-53;
  }
}
