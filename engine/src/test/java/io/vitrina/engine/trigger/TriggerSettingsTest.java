package io.vitrina.engine.trigger;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerSettingsTest {
  @Test
  void theDefaultsHaveNoProblem() {
    assertEquals(List.of(), TriggerSettings.DEFAULTS.problems());
  }

  @Test
  void everyProblemIsToldAtOnceWithItsPath() {
    TriggerSettings bad =
        new TriggerSettings(Duration.ofDays(-1), Duration.ofDays(7), Duration.ofDays(3), Map.of())
            .with(
                TriggerKind.ABANDONED_VIEW,
                new KindSettings(
                    true,
                    Duration.ofHours(-1),
                    Duration.ZERO,
                    Map.of(Condition.MIN_VIEWS, 1.0, "colour", 2.0)));
    List<String> paths = bad.problems().stream().map(TriggerSettings.Problem::path).toList();
    assertEquals(
        List.of(
            "$.kinds.abandoned_view.conditions.colour",
            "$.kinds.abandoned_view.conditions.min_views",
            "$.kinds.abandoned_view.delay",
            "$.kinds.abandoned_view.within",
            "$.shopper_cap"),
        paths.stream().sorted().toList());
  }
}
