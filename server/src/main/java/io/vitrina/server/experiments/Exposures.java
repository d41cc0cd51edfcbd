package io.vitrina.server.experiments;

import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.engine.experiment.Assignment;
import io.vitrina.engine.experiment.Experiments;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.server.events.EventIntake;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a shopper's exposure to an experiment into the event log, as an {@code
 * experiment_exposure} event, the first time this node answers them in it: in the log it comes
 * before the shopper's clicks on what was shown, in the order every counting reads. Not waited for:
 * the answer goes out at once. Another node, or this one after forgetting, may write the same
 * shopper's exposure again; the counting keeps the first.
 */
final class Exposures {
  private static final Logger LOG = LoggerFactory.getLogger(Exposures.class);

  /** Exposures remembered at most; beyond, the memory starts afresh. */
  private static final int MAX_REMEMBERED = 1_000_000;

  private final EventIntake intake;
  private final TokenSigner tokens;
  private final Clock clock;

  /** The algorithm an exposure's token names. */
  private static final String EXPOSURE = "exposure";

  private final Set<String> written = ConcurrentHashMap.newKeySet();

  Exposures(EventIntake intake, TokenSigner tokens, Clock clock) {
    this.intake = intake;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * Forgets the exposures this node wrote of erased shoppers (their events are gone): a shopper
   * coming back is exposed anew.
   */
  void forget(java.util.function.Predicate<String> erasedUnit) {
    written.removeIf(key -> erasedUnit.test(key.substring(key.indexOf('\u0000') + 1)));
  }

  void exposed(Experiments.Exposure exposure) {
    String unit = Assignment.shopperId(exposure.visitorId(), exposure.customerId());
    if (unit == null) return;
    String key = exposure.experiment().id() + '\u0000' + unit;
    if (!written.add(key)) return;
    if (written.size() > MAX_REMEMBERED) written.clear();
    String placement = exposure.experiment().placement().name();
    Event event =
        new Event(
            EventType.EXPERIMENT_EXPOSURE,
            exposure.visitorId(),
            exposure.customerId(),
            List.of(),
            null,
            placement,
            // The token names the experiment and the arm, as the answer's does.
            tokens.issue(placement, EXPOSURE, exposure.experiment().id(), exposure.arm().key()),
            clock.instant());
    intake
        .append(List.of(event))
        .onFailure(
            e -> {
              // The shopper's next answer tries again.
              written.remove(key);
              LOG.debug("An exposure was not written: {}", e.toString());
            });
  }
}
