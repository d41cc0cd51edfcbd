package io.vitrina.server.http;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Periodic work of a capability, declared with {@link #onEveryNode} or {@link #oncePerCluster}.
 * {@code run} starts one run on an event loop and must not block (it hands blocking work to a
 * worker); the future it returns completes when the run ended. The scheduler never starts a job
 * while its previous run on this node is still going, so a job needs no guard of its own.
 *
 * @param scope where it runs: on every node, or on one node of the cluster at a time
 * @param every how often it runs
 * @param firstAfter when the first run comes after start (for a once-per-cluster job: after the
 *     first start of the first node; later nodes go on with the cluster's schedule)
 * @param lease how long a node holds a once-per-cluster job without renewing it: a node that died
 *     while running it loses it after this long, and another node takes it over. The holder renews
 *     it while the run lasts, so a run may take longer.
 */
public record Job(
    String name,
    Scope scope,
    Duration every,
    Duration firstAfter,
    Duration lease,
    Supplier<Future<?>> run) {

  /** Where a job runs. */
  public enum Scope {
    /**
     * Work on this node's memory (evicting its profiles, refreshing its index): every node runs it.
     */
    EVERY_NODE,
    /**
     * Work on shared state (forgetting old rows, scans that send something): one node at a time
     * runs it, on a lease in PostgreSQL, so across N nodes it runs once per period, not N times.
     */
    ONCE_PER_CLUSTER
  }

  /** The lease a once-per-cluster job gets unless it says otherwise. */
  public static final Duration LEASE = Duration.ofSeconds(30);

  public Job {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(run, "run");
    if (every.isNegative() || every.isZero())
      throw new IllegalArgumentException("job " + name + ": every must be positive");
    if (firstAfter.isNegative())
      throw new IllegalArgumentException("job " + name + ": firstAfter must not be negative");
    if (lease.toMillis() < 3)
      throw new IllegalArgumentException("job " + name + ": the lease must be 3 ms or more");
  }

  /** Work every node does on its own memory, first after {@code every}. */
  public static Job onEveryNode(String name, Duration every, Supplier<Future<?>> run) {
    return new Job(name, Scope.EVERY_NODE, every, every, LEASE, run);
  }

  /** Work on shared state that one node at a time does, first after {@code every}. */
  public static Job oncePerCluster(String name, Duration every, Supplier<Future<?>> run) {
    return new Job(name, Scope.ONCE_PER_CLUSTER, every, every, LEASE, run);
  }

  /** This job with its first run {@code after} the start instead of a period after it. */
  public Job startingAfter(Duration after) {
    return new Job(name, scope, every, after, lease, run);
  }

  /** This job with a lease of {@code lease} instead of {@link #LEASE}. */
  public Job leasedFor(Duration lease) {
    return new Job(name, scope, every, firstAfter, lease, run);
  }
}
