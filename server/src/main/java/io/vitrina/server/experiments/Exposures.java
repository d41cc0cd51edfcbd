package io.vitrina.server.experiments;

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
  private final Clock clock;
  private final Set<String> written = ConcurrentHashMap.newKeySet();

  Exposures(EventIntake intake, Clock clock) {
    this.intake = intake;
    this.clock = clock;
  }

  void exposed(Experiments.Exposure exposure) {
    String unit = Assignment.shopperId(exposure.visitorId(), exposure.customerId());
    if (unit == null) return;
    String key = exposure.experiment().id() + '\u0000' + unit;
    if (!written.add(key)) return;
    if (written.size() > MAX_REMEMBERED) written.clear();
    Event event =
        new Event(
            EventType.EXPERIMENT_EXPOSURE,
            exposure.visitorId(),
            exposure.customerId(),
            List.of(),
            null,
            exposure.experiment().placement().name(),
            exposure.token(),
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
