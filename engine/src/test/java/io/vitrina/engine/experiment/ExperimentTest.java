package io.vitrina.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.block.Block;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Experiment.BlockCheck NO_PROBLEMS = block -> List.of();

  private static Experiment draft(double share, double controlWeight) {
    return Experiment.draft(
        "home-test",
        Placement.block("home"),
        List.of(
            new Arm("control", controlWeight, new Arm.Holdout()),
            new Arm("personal", 1, new Arm.AsSaved())),
        new Experiment.Traffic(share, "home-test"),
        new Experiment.Goals(Metric.REVENUE_PER_SHOPPER, List.of(Metric.CTR)));
  }

  @Test
  void everyProblemIsSaidAtOnceWithItsField() {
    Experiment bad =
        Experiment.draft(
            "Bad Id",
            Placement.block("home"),
            List.of(
                new Arm("same", 0, new Arm.Holdout()),
                new Arm("same", 1, new Arm.Configured(new Block("home", "x", "", 4, null)))),
            new Experiment.Traffic(1.5, " "),
            new Experiment.Goals(Metric.CTR, List.of(Metric.CTR)));
    List<Experiment.Problem> problems =
        bad.problems(block -> List.of(new Block.Problem("algorithm", "unknown algorithm 'x'")));
    assertEquals(
        List.of(
            "id",
            "arms[0].weight",
            "arms[1].key",
            "arms[1].block.algorithm",
            "traffic",
            "salt",
            "guardrails"),
        problems.stream().map(Experiment.Problem::field).toList(),
        problems.toString());
  }

  @Test
  void aValidDraftHasNoProblems() {
    assertEquals(List.of(), draft(1, 1).problems(NO_PROBLEMS));
  }

  @Test
  void startingBeginsTheFirstPhaseAndAPauseKeepsIt() {
    Experiment running = draft(0.5, 1).started(T0);
    assertEquals(Status.RUNNING, running.status());
    assertEquals(List.of(new Phase(1, T0, 0.5, List.of(1.0, 1.0))), running.phases());
    Experiment again = running.paused().started(T0.plusSeconds(60));
    assertEquals(running.phases(), again.phases(), "a pause does not start a phase");
  }

  @Test
  void aChangeOfWeightsOrShareStartsANewPhase() {
    Experiment running = draft(0.5, 1).started(T0);
    Experiment.Edit reweighted = running.edited(draft(0.5, 3), T0.plusSeconds(10));
    assertEquals(List.of(), reweighted.refused());
    assertEquals(2, reweighted.experiment().phases().size());
    assertEquals(List.of(3.0, 1.0), reweighted.experiment().currentPhase().orElseThrow().weights());
    Experiment.Edit same = running.edited(draft(0.5, 1), T0.plusSeconds(10));
    assertEquals(1, same.experiment().phases().size(), "nothing changed: the same phase");
  }

  @Test
  void whatAnArmShowsCannotChangeOnceStarted() {
    Experiment running = draft(1, 1).started(T0);
    Experiment changed =
        Experiment.draft(
            "home-test",
            Placement.block("other"),
            List.of(
                new Arm("control", 1, new Arm.AsSaved()),
                new Arm("personal", 1, new Arm.AsSaved())),
            new Experiment.Traffic(1, "new-salt"),
            new Experiment.Goals(Metric.CTR, List.of()));
    Experiment.Edit edit = running.edited(changed, T0);
    assertEquals(
        List.of("placement", "salt", "arms[0]"),
        edit.refused().stream().map(Experiment.Problem::field).toList());
    assertEquals(running, edit.experiment());
  }

  @Test
  void aStoppedExperimentIsOver() {
    Experiment stopped = draft(1, 1).started(T0).stopped();
    assertThrows(IllegalStateException.class, () -> stopped.started(T0));
    assertThrows(IllegalStateException.class, () -> draft(1, 1).stopped(), "a draft never ran");
    assertTrue(stopped.edited(draft(1, 1), T0).refused().size() > 0);
  }
}
