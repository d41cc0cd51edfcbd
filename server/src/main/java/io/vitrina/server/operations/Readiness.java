package io.vitrina.server.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each capability that can fail in the background says of itself: nothing while it works, or
 * why it does not. {@code /health} and {@code /ready} answer from it, so that the service never
 * says "up" while a capability is dead. Thread-safe once built.
 */
public final class Readiness {
  private final Map<String, Supplier<Optional<String>>> checks = new LinkedHashMap<>();

  /**
   * Adds a capability's check.
   *
   * @param name how {@code /ready} names it, e.g. {@code profile_index}
   * @param problem why the capability cannot serve now, or empty while it can
   */
  public Readiness check(String name, Supplier<Optional<String>> problem) {
    checks.put(name, problem);
    return this;
  }

  /** Each capability's problem, empty for those that work, in the order added. */
  public Map<String, Optional<String>> problems() {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    checks.forEach((name, check) -> out.put(name, check.get()));
    return out;
  }
}
