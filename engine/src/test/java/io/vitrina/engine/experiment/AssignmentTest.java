package io.vitrina.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AssignmentTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private static Experiment running(double share, double... weights) {
    List<Arm> arms =
        java.util.stream.IntStream.range(0, weights.length)
            .mapToObj(
                i ->
                    new Arm("arm-" + i, weights[i], i == 0 ? new Arm.Holdout() : new Arm.AsSaved()))
            .toList();
    return Experiment.draft(
            "e1",
            Placement.block("home"),
            arms,
            new Experiment.Traffic(share, "salt-1"),
            new Experiment.Goals(Metric.REVENUE_PER_SHOPPER, List.of()))
        .started(T0);
  }

  @Test
  void armsTakeTheirWeightsShareOfShoppers() {
    Experiment experiment = running(1, 1, 3);
    Map<String, Integer> counts = new HashMap<>();
    int shoppers = 40_000;
    for (int i = 0; i < shoppers; i++)
      counts.merge(
          Assignment.arm(experiment, "v:shopper-" + i).orElseThrow().key(), 1, Integer::sum);
    // A quarter and three quarters, within four standard deviations (about 350).
    assertEquals(10_000, counts.get("arm-0"), 350, counts.toString());
    assertEquals(30_000, counts.get("arm-1"), 350, counts.toString());
  }

  @Test
  void theSameShopperGetsTheSameArmEveryTime() {
    Experiment experiment = running(1, 1, 1);
    for (int i = 0; i < 100; i++) {
      Optional<Arm> first = Assignment.arm(experiment, "v:s" + i);
      assertEquals(first, Assignment.arm(running(1, 1, 1), "v:s" + i));
    }
  }

  @Test
  void aSmallerTrafficShareOnlyDropsShoppersItMovesNobody() {
    Experiment all = running(1, 1, 1);
    Experiment tenth = running(0.1, 1, 1);
    int inTenth = 0;
    for (int i = 0; i < 20_000; i++) {
      String id = "v:s" + i;
      Optional<Arm> small = Assignment.arm(tenth, id);
      if (small.isEmpty()) continue;
      inTenth++;
      assertEquals(Assignment.arm(all, id), small, id);
    }
    assertEquals(2_000, inTenth, 180);
  }

  @Test
  void onlyARunningExperimentAssigns() {
    Experiment running = running(1, 1, 1);
    assertTrue(Assignment.arm(running, "v:s1").isPresent());
    assertTrue(Assignment.arm(running.paused(), "v:s1").isEmpty());
    assertTrue(Assignment.arm(running.stopped(), "v:s1").isEmpty());
    assertTrue(Assignment.arm(running, null).isEmpty(), "nobody to assign");
  }

  @Test
  void theVisitorIdIsHashedWhenThereIsOneSoALoginKeepsTheArm() {
    assertEquals("v:device-1", Assignment.shopperId("device-1", "customer-7"));
    assertEquals("v:device-1", Assignment.shopperId("device-1", null));
    assertEquals("c:customer-7", Assignment.shopperId(null, "customer-7"));
    assertEquals(null, Assignment.shopperId(" ", null));
  }

  @Test
  void anotherSaltReshufflesTheShoppers() {
    int same = 0;
    for (int i = 0; i < 10_000; i++)
      if ((Assignment.bucket("a", "v:s" + i) < 0.5) == (Assignment.bucket("b", "v:s" + i) < 0.5))
        same++;
    assertEquals(5_000, same, 300, "independent halves agree half the time");
  }

  @Test
  void fnvIsTheStandardOne() {
    // FNV-1a 32 of "" and of "a", from the algorithm's published test vectors.
    assertEquals(0x811c9dc5L, Assignment.fnv1a32(""));
    assertEquals(0xe40c292cL, Assignment.fnv1a32("a"));
    assertEquals(0xbf9cf968L, Assignment.fnv1a32("foobar"));
  }
}
