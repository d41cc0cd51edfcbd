package io.vitrina.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GlobalHoldoutTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(3600);

  private static Experiment running(double share) {
    return GlobalHoldout.reconciled(Optional.empty(), share, T0).orElseThrow();
  }

  @Test
  void aFirstStartCreatesItRunningWithTheShareHeldOut() {
    Experiment created = running(0.05);
    assertEquals(GlobalHoldout.ID, created.id());
    assertEquals(Placement.everywhere(), created.placement());
    assertEquals(Status.RUNNING, created.status());
    assertEquals(List.of(0.05, 0.95), created.phases().get(0).weights());
    assertTrue(created.arms().get(0).holdout());
    assertEquals(1.0, created.traffic().share());
  }

  @Test
  void aShareOfZeroCreatesNothingAndPausesARunningOne() {
    assertEquals(Optional.empty(), GlobalHoldout.reconciled(Optional.empty(), 0, T0));
    Experiment paused = GlobalHoldout.reconciled(Optional.of(running(0.05)), 0, T1).orElseThrow();
    assertEquals(Status.PAUSED, paused.status());
    assertEquals(Optional.empty(), GlobalHoldout.reconciled(Optional.of(paused), 0, T1));
  }

  @Test
  void theSameShareChangesNothing() {
    assertEquals(Optional.empty(), GlobalHoldout.reconciled(Optional.of(running(0.05)), 0.05, T1));
  }

  @Test
  void anotherShareStartsANewPhaseSoTheRatioCheckNeverMixesThem() {
    Experiment next = GlobalHoldout.reconciled(Optional.of(running(0.05)), 0.1, T1).orElseThrow();
    assertEquals(2, next.phases().size());
    assertEquals(List.of(0.1, 0.9), next.currentPhase().orElseThrow().weights());
    assertEquals(T1, next.currentPhase().orElseThrow().started());
    assertEquals(Status.RUNNING, next.status());
  }

  @Test
  void aPausedOneRunsAgainInItsPhaseWhenTheShareComesBack() {
    Experiment paused = running(0.05).paused();
    Experiment again = GlobalHoldout.reconciled(Optional.of(paused), 0.05, T1).orElseThrow();
    assertEquals(Status.RUNNING, again.status());
    assertEquals(1, again.phases().size());
  }

  @Test
  void oneStoppedByHandStaysStopped() {
    Experiment stopped = running(0.05).stopped();
    assertEquals(Optional.empty(), GlobalHoldout.reconciled(Optional.of(stopped), 0.05, T1));
  }

  @Test
  void theHoldoutArmHoldsAboutItsShareOfShoppers() {
    Experiment experiment = running(0.05);
    int held = 0, shoppers = 20_000;
    for (int i = 0; i < shoppers; i++)
      if (Assignment.arm(experiment, "v:shopper-" + i).orElseThrow().holdout()) held++;
    assertEquals(0.05, held / (double) shoppers, 0.006);
  }
}
