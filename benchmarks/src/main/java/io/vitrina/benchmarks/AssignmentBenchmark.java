package io.vitrina.benchmarks;

import io.vitrina.engine.algorithm.Shopper;
import io.vitrina.engine.experiment.Arm;
import io.vitrina.engine.experiment.Assignment;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.Experiments;
import io.vitrina.engine.experiment.GlobalHoldout;
import io.vitrina.engine.experiment.Metric;
import io.vitrina.engine.experiment.Placement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What experiments add to a block's request: the global holdout's arm for the shopper (a hash, and
 * the look-up that remembers the shopper's exposure, as the server's {@code Exposures} does), and
 * the block experiment's arm (another hash), over 100,000 shoppers who have all been seen (the
 * exposure already remembered: the steady state).
 *
 * <pre>./vitrina bench AssignmentBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AssignmentBenchmark {
  private static final int SHOPPERS = 1 << 17;

  private Shopper[] shoppers;
  private Experiments experiments;
  private Experiment block;
  private int next;

  @Setup
  public void setUp() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    Experiment global = GlobalHoldout.reconciled(Optional.empty(), 0.05, now).orElseThrow();
    block =
        Experiment.draft(
                "home-vs-holdout",
                Placement.block("home"),
                List.of(
                    new Arm("holdout", 1, new Arm.Holdout()),
                    new Arm("shown", 1, new Arm.AsSaved())),
                new Experiment.Traffic(1, "home-vs-holdout"),
                new Experiment.Goals(Metric.REVENUE_PER_SHOPPER, List.of()))
            .started(now);
    Map<Placement, Experiment> running =
        Map.of(global.placement(), global, block.placement(), block);
    Set<String> remembered = ConcurrentHashMap.newKeySet();
    experiments =
        new Experiments() {
          @Override
          public Optional<Experiment> runningOn(Placement placement) {
            return Optional.ofNullable(running.get(placement));
          }

          @Override
          public void exposed(Exposure exposure) {
            String unit = Assignment.shopperId(exposure.visitorId(), exposure.customerId());
            remembered.add(exposure.experiment().id() + '\u0000' + unit);
          }
        };
    shoppers = new Shopper[SHOPPERS];
    for (int i = 0; i < SHOPPERS; i++) {
      shoppers[i] = new Shopper("visitor-" + i, null);
      GlobalHoldout.armOf(experiments, shoppers[i]);
    }
  }

  private Shopper nextShopper() {
    return shoppers[next++ & (SHOPPERS - 1)];
  }

  /** The global holdout's arm, its exposure remembered: what every answer pays. */
  @Benchmark
  public Object globalHoldout() {
    return GlobalHoldout.armOf(experiments, nextShopper());
  }

  /** Both, as a block with an experiment on it answers a shopper who is not held out. */
  @Benchmark
  public Object globalHoldoutAndBlockExperiment() {
    Shopper shopper = nextShopper();
    GlobalHoldout.armOf(experiments, shopper);
    return Assignment.arm(block, Assignment.shopperId(shopper.visitorId(), shopper.customerId()));
  }
}
