package io.vitrina.demo;

import java.util.random.RandomGenerator;

/** Randomness helpers whose results are fixed by their own code, not by the JDK version. */
final class DemoRandom {
  private DemoRandom() {}

  /**
   * A standard normal draw by Box–Muller, spelled out here because the JDK's default {@code
   * nextGaussian} algorithm is an implementation detail that may change between releases, which
   * would silently change every "deterministic" demo store.
   */
  static double gaussian(RandomGenerator rnd) {
    double u1 = 1 - rnd.nextDouble(); // (0, 1]: log stays finite
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Exponential draw with the given mean. */
  static double exponential(RandomGenerator rnd, double mean) {
    return -mean * Math.log(1 - rnd.nextDouble());
  }

  /**
   * A well-mixed seed for stream {@code index} of {@code seed} (SplitMix64 finaliser), so that each
   * simulated visitor has its own random stream: adding visitors leaves earlier ones as they were.
   */
  static long mix(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
