package io.vitrina.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import io.vitrina.server.http.Job;
import io.vitrina.server.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nodes on one real PostgreSQL, in one JVM: each with its own Vert.x, pool, node id and scheduler,
 * as separate processes would have.
 */
class JobSchedulerTest {
  private String url;
  private final List<TestNode> nodes = new ArrayList<>();

  @BeforeEach
  void createDatabase() throws Exception {
    url = TestPostgres.newDatabase();
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.external(url).pool(vertx, 1);
    await(Migrations.apply(pool));
    await(pool.close());
    await(vertx.close());
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(TestNode::close);
  }

  @Test
  void aOncePerClusterJobRunsOncePerPeriodAcrossTwoNodesNeverOnBothAtOnce() throws Exception {
    Duration period = Duration.ofMillis(200);
    Runs runs = new Runs();
    TestNode a = node("a");
    TestNode b = node("b");
    long started = System.nanoTime();
    for (TestNode node : List.of(a, b))
      node.scheduler.schedule(Job.oncePerCluster("tick", period, runs.taking(node, 50)));
    Thread.sleep(3_000);
    a.scheduler.stop();
    b.scheduler.stop();
    long observed = (System.nanoTime() - started) / 1_000_000;

    // The first run comes a period after the start; on every node alone it would be twice as many.
    long atMost = observed / period.toMillis();
    assertTrue(
        runs.count() <= atMost && runs.count() >= atMost / 2,
        runs.count() + " runs in " + observed + " ms, every " + period.toMillis() + " ms");
    assertEquals(1, runs.mostAtOnce(), "runs at the same time");
    long shortest = runs.shortestGapMillis();
    assertTrue(shortest >= period.toMillis() * 3 / 4, "starts " + shortest + " ms apart");
    assertEquals(
        runs.count(),
        a.counted("vitrina_job_runs_total{job=\"tick\"}")
            + b.counted("vitrina_job_runs_total{job=\"tick\"}"));
    assertTrue(
        a.counted("vitrina_job_skips_total{job=\"tick\",reason=\"not_due\"}")
                + b.counted("vitrina_job_skips_total{job=\"tick\",reason=\"not_due\"}")
            > 0,
        "the node that did not run a turn counted it as not due");
  }

  @Test
  void aNodeThatStopsRenewingLosesTheJobToAnotherAfterTheLease() throws Exception {
    Duration lease = Duration.ofMillis(600);
    Runs runs = new Runs();
    TestNode a = node("a");
    // A's run never ends: only its renewals keep the job.
    a.scheduler.schedule(
        Job.oncePerCluster("long", Duration.ofMillis(100), runs.takingForever(a))
            .startingAfter(Duration.ZERO)
            .leasedFor(lease));
    waitFor(() -> runs.count() == 1);
    TestNode b = node("b");
    b.scheduler.schedule(
        Job.oncePerCluster("long", Duration.ofMillis(100), runs.taking(b, 10)).leasedFor(lease));
    Thread.sleep(lease.toMillis() * 3);
    assertEquals(List.of("a"), runs.nodes(), "while A renews its lease, B does not take over");

    a.die();
    long died = System.nanoTime();
    waitFor(() -> runs.count() > 1);
    long tookOver = (runs.lastStart() - died) / 1_000_000;
    assertEquals("b", runs.nodes().get(1));
    // A renewed every third of the lease: what it held ran out between 2/3 and all of it later.
    assertTrue(
        tookOver >= lease.toMillis() / 2 && tookOver <= lease.toMillis() + 1_000,
        "B took over " + tookOver + " ms after A died");
  }

  @ParameterizedTest
  @EnumSource(Job.Scope.class)
  void aSlowJobIsNotStartedAgainOnTheSameNodeWhileItRuns(Job.Scope scope) throws Exception {
    Runs runs = new Runs();
    TestNode a = node("a");
    Supplier<Future<?>> slow = runs.taking(a, 300);
    Duration every = Duration.ofMillis(50);
    Job job =
        scope == Job.Scope.EVERY_NODE
            ? Job.onEveryNode("slow", every, slow)
            : Job.oncePerCluster("slow", every, slow);
    a.scheduler.schedule(job.startingAfter(Duration.ZERO));
    Thread.sleep(1_300);
    a.scheduler.stop();

    assertEquals(1, runs.mostAtOnce(), "runs at the same time");
    assertTrue(runs.count() >= 2 && runs.count() <= 5, runs.count() + " runs of 300 ms in 1.3 s");
    assertTrue(
        a.counted("vitrina_job_skips_total{job=\"slow\",reason=\"running_here\"}") > 0,
        "turns skipped while the last run went on");
  }

  @Test
  void aFailedRunLetsGoOfTheJobAtOnce() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    TestNode a = node("a");
    // One run in two throws, the other fails its future: neither keeps the ten-second lease.
    a.scheduler.schedule(
        Job.oncePerCluster(
                "failing",
                Duration.ofMillis(100),
                () -> {
                  if (attempts.incrementAndGet() % 2 == 1) throw new IllegalStateException("no");
                  return Future.failedFuture("no");
                })
            .startingAfter(Duration.ZERO)
            .leasedFor(Duration.ofSeconds(10)));
    Thread.sleep(1_000);
    a.scheduler.stop();

    assertTrue(attempts.get() >= 5, attempts.get() + " runs in a second, every 100 ms");
    assertEquals(
        attempts.get(), a.counted("vitrina_job_failures_total{job=\"failing\"}"), "failures");
  }

  @Test
  void anEveryNodeJobRunsOnEachNode() throws Exception {
    Runs runs = new Runs();
    TestNode a = node("a");
    TestNode b = node("b");
    for (TestNode node : List.of(a, b))
      node.scheduler.schedule(
          Job.onEveryNode("local", Duration.ofMillis(100), runs.taking(node, 1)));
    Thread.sleep(1_000);
    a.scheduler.stop();
    b.scheduler.stop();

    long onA = runs.nodes().stream().filter("a"::equals).count();
    long onB = runs.nodes().stream().filter("b"::equals).count();
    assertTrue(onA >= 5 && onB >= 5, "runs on A " + onA + ", on B " + onB);
  }

  /** One node: its own Vert.x, pool, id and scheduler. */
  private final class TestNode {
    final String id;
    final Vertx vertx = Vertx.vertx();
    final Pool pool;
    final Metrics metrics = new Metrics();
    final JobScheduler scheduler;
    boolean dead;

    TestNode(String id) {
      this.id = id;
      pool = Database.external(url).pool(vertx, 2);
      scheduler = new JobScheduler(vertx, pool, new Node(id), metrics);
    }

    /**
     * Dies as a killed process would: its timers and connections end, and it lets go of nothing.
     */
    void die() throws Exception {
      dead = true;
      await(vertx.close());
    }

    /** The value of one counter series in this node's metrics, 0 if it has none. */
    long counted(String series) {
      for (String line : metrics.scrape().split("\n"))
        if (line.startsWith(series + " "))
          return Long.parseLong(line.substring(series.length() + 1));
      return 0;
    }

    void close() {
      if (dead) return;
      try {
        await(scheduler.stop());
        await(pool.close());
        await(vertx.close());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private TestNode node(String id) {
    TestNode node = new TestNode(id);
    nodes.add(node);
    return node;
  }

  /** A job's runs on all nodes: which node started each and when, and how many went at once. */
  private static final class Runs {
    private final List<String> nodes = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> starts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    /** A run on {@code node} that takes {@code millis}. */
    Supplier<Future<?>> taking(TestNode node, long millis) {
      return () -> {
        Promise<Void> ended = Promise.promise();
        started(node);
        node.vertx.setTimer(
            millis,
            id -> {
              now.decrementAndGet();
              ended.complete();
            });
        return ended.future();
      };
    }

    /** A run on {@code node} that never ends. */
    Supplier<Future<?>> takingForever(TestNode node) {
      return () -> {
        started(node);
        return Promise.promise().future();
      };
    }

    private void started(TestNode node) {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      synchronized (this) {
        nodes.add(node.id);
        starts.add(System.nanoTime());
      }
    }

    int count() {
      return nodes.size();
    }

    int mostAtOnce() {
      return most.get();
    }

    List<String> nodes() {
      return List.copyOf(nodes);
    }

    long lastStart() {
      return starts.getLast();
    }

    synchronized long shortestGapMillis() {
      long shortest = Long.MAX_VALUE;
      for (int i = 1; i < starts.size(); i++)
        shortest = Math.min(shortest, starts.get(i) - starts.get(i - 1));
      return shortest / 1_000_000;
    }
  }

  private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.get()) {
      assertTrue(System.nanoTime() < deadline, "not within 10 s");
      Thread.sleep(10);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }
}
