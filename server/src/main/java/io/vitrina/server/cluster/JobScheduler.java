package io.vitrina.server.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.server.http.Job;
import io.vitrina.server.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the capabilities' {@link Job}s on this node's timers: never a job again while its previous
 * run here is still going, and a once-per-cluster job only once this node has claimed it in the
 * {@code cluster_jobs} table.
 *
 * <p>The claim is one atomic {@code UPDATE} of the job's row where the job is due and nobody holds
 * it; the holder renews its lease every third of the lease while the run lasts, and at the end lets
 * go of it and sets the next due time, a period after the run started. A node that dies holding a
 * job stops renewing, and once its lease has passed another node claims the job. Every time is the
 * database's, so nodes need no common clock; a node that is not due asks again when the job falls
 * due, one that found it held when the lease would end.
 */
public final class JobScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

  /** The one store of a deployment today; the table leaves room for more. */
  static final String STORE = "default";

  /** How long a stop waits for runs under way, which release their leases as they end. */
  static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

  /** Why a tick did not start a run: the label of {@code vitrina_job_skips_total}. */
  enum Skip {
    RUNNING_HERE("running_here"),
    HELD_ELSEWHERE("held_elsewhere"),
    NOT_DUE("not_due"),
    CLAIM_FAILED("claim_failed");

    final String label;

    Skip(String label) {
      this.label = label;
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Node node;
  private final Metrics metrics;
  private final List<Scheduled> scheduled = new ArrayList<>();
  private volatile boolean stopped;

  public JobScheduler(Vertx vertx, Pool pool, Node node, Metrics metrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.node = node;
    this.metrics = metrics;
    metrics.describe("vitrina_job_runs_total", "job runs started on this node");
    metrics.describe("vitrina_job_failures_total", "job runs on this node that failed");
    metrics.describe(
        "vitrina_job_skips_total",
        "times a job was not started when its turn came here, by reason: its last run here is"
            + " still going, another node holds it, it is not due yet (another node ran it), or the"
            + " claim could not be made");
    metrics.describe(
        "vitrina_job_leases_lost_total",
        "runs here whose once-per-cluster lease another node took over (this node failed to renew"
            + " it in time)");
  }

  /** Runs {@code job} from now on, first after its {@code firstAfter}. */
  public synchronized void schedule(Job job) {
    Scheduled s = new Scheduled(job);
    scheduled.add(s);
    metrics.gauge(
        "vitrina_job_last_run_seconds",
        "job",
        job.name(),
        "duration of the job's last run on this node",
        () -> s.lastSeconds);
    metrics.gauge(
        "vitrina_job_running",
        "job",
        job.name(),
        "1 while the job runs on this node",
        () -> s.running ? 1 : 0);
    if (job.scope() == Job.Scope.EVERY_NODE) {
      s.after(job.firstAfter().toMillis());
      return;
    }
    s.register()
        .onComplete(
            x -> {
              if (x.failed())
                LOG.warn("Job {} could not be registered: {}", job.name(), x.cause().toString());
              // The cluster's due time decides: the first node's first run comes after firstAfter.
              s.after(0);
            });
  }

  /**
   * Starts no run any more; completes when the runs under way have ended and let go of their
   * leases, or after {@link #STOP_PATIENCE} (a lease left then passes on its own).
   */
  public Future<Void> stop() {
    stopped = true;
    List<Future<?>> running = new ArrayList<>();
    synchronized (this) {
      for (Scheduled s : scheduled) {
        s.cancel();
        if (s.ended != null && !s.ended.isComplete()) running.add(s.ended);
      }
    }
    if (running.isEmpty()) return Future.succeededFuture();
    Promise<Void> done = Promise.promise();
    long patience =
        vertx.setTimer(
            STOP_PATIENCE.toMillis(),
            id -> {
              LOG.warn("Stopping without waiting longer for {} job runs", running.size());
              done.tryComplete();
            });
    Future.join(running)
        .onComplete(
            x -> {
              vertx.cancelTimer(patience);
              done.tryComplete();
            });
    return done.future();
  }

  /**
   * One job's timer and state on this node. Timers and the database's answers may call back on
   * different threads, and a tick starts nothing while {@code busy}: hence volatile fields.
   */
  private final class Scheduled {
    final Job job;
    long timer = -1;

    /** From a tick that claims or starts a run until the run has ended (and let go). */
    volatile boolean busy;

    volatile boolean running;
    volatile double lastSeconds;

    /** Completes when the last run has ended and, for a claimed job, let go; null before one. */
    volatile Future<Void> ended;

    Scheduled(Job job) {
      this.job = job;
    }

    void after(long millis) {
      synchronized (JobScheduler.this) {
        if (stopped) return;
        vertx.cancelTimer(timer);
        timer = vertx.setTimer(Math.max(1, millis), id -> tick());
      }
    }

    void cancel() {
      vertx.cancelTimer(timer);
    }

    long every() {
      return job.every().toMillis();
    }

    private void tick() {
      if (stopped) return;
      // The next turn comes a period on; a claimed job's end moves it to the due time.
      after(every());
      if (busy) {
        skip(Skip.RUNNING_HERE);
        return;
      }
      busy = true;
      if (job.scope() == Job.Scope.EVERY_NODE) {
        start(false);
      } else {
        claim();
      }
    }

    private void skip(Skip reason) {
      metrics.increment("vitrina_job_skips_total", "job", job.name(), "reason", reason.label, 1);
    }

    /** Creates the job's row if the cluster has none yet: its first run due after firstAfter. */
    Future<Void> register() {
      return pool.preparedQuery(
              "INSERT INTO cluster_jobs (store_id, name, next_due)"
                  + " VALUES ($1, $2, now() + $3 * interval '1 millisecond')"
                  + " ON CONFLICT (store_id, name) DO NOTHING")
          .execute(Tuple.of(STORE, job.name(), job.firstAfter().toMillis()))
          .mapEmpty();
    }

    /**
     * Claims the job if it is due and not held; the outer query reads the row as it was before, to
     * tell why a claim did not succeed and when to ask again.
     */
    private void claim() {
      pool.preparedQuery(
              "WITH claimed AS ("
                  + " UPDATE cluster_jobs SET holder = $3,"
                  + " held_until = now() + $4 * interval '1 millisecond', last_started = now()"
                  + " WHERE store_id = $1 AND name = $2 AND next_due <= now()"
                  + " AND (held_until IS NULL OR held_until < now()) RETURNING 1)"
                  + " SELECT EXISTS (SELECT 1 FROM claimed) AS claimed,"
                  + " ceil(extract(epoch FROM held_until - now()) * 1000)::bigint AS held_for,"
                  + " ceil(extract(epoch FROM next_due - now()) * 1000)::bigint AS due_in"
                  + " FROM cluster_jobs WHERE store_id = $1 AND name = $2")
          .execute(Tuple.of(STORE, job.name(), node.id(), job.lease().toMillis()))
          .onFailure(
              e -> {
                busy = false;
                skip(Skip.CLAIM_FAILED);
                LOG.warn("Claiming job {} failed: {}", job.name(), e.toString());
              })
          .onSuccess(
              rows -> {
                if (rows.size() == 0) {
                  busy = false;
                  // The row went missing (a restored database): make it again, ask next turn.
                  skip(Skip.CLAIM_FAILED);
                  register();
                  return;
                }
                Row row = rows.iterator().next();
                if (row.getBoolean("claimed")) {
                  start(true);
                  return;
                }
                busy = false;
                if (row.getLong("due_in") > 0) {
                  skip(Skip.NOT_DUE);
                  after(Math.min(every(), row.getLong("due_in")));
                } else {
                  // Held, or just claimed by another node: ask again when its lease would end.
                  skip(Skip.HELD_ELSEWHERE);
                  Long heldFor = row.getLong("held_for");
                  long ask = heldFor != null && heldFor > 0 ? heldFor : job.lease().toMillis();
                  after(Math.min(every(), ask));
                }
              });
    }

    private void start(boolean claimed) {
      if (stopped) {
        if (claimed) release();
        busy = false;
        return;
      }
      running = true;
      metrics.increment("vitrina_job_runs_total", "job", job.name(), 1);
      long started = System.nanoTime();
      long renewal = claimed ? vertx.setPeriodic(job.lease().toMillis() / 3, id -> renew()) : -1;
      ended =
          runOnce()
              .transform(
                  result -> {
                    vertx.cancelTimer(renewal);
                    lastSeconds = (System.nanoTime() - started) / 1e9;
                    if (result.failed()) {
                      metrics.increment("vitrina_job_failures_total", "job", job.name(), 1);
                      LOG.warn("Job {} failed: {}", job.name(), result.cause().toString());
                    }
                    return claimed ? release() : Future.<Void>succeededFuture();
                  })
              .onComplete(
                  x -> {
                    running = false;
                    busy = false;
                  });
    }

    /** The job's run; one that throws or returns no future is a failed run. */
    private Future<?> runOnce() {
      try {
        Future<?> run = job.run().get();
        return run != null ? run : Future.failedFuture("job " + job.name() + " returned no run");
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }

    private void renew() {
      pool.preparedQuery(
              "UPDATE cluster_jobs SET held_until = now() + $4 * interval '1 millisecond'"
                  + " WHERE store_id = $1 AND name = $2 AND holder = $3 AND held_until IS NOT NULL")
          .execute(Tuple.of(STORE, job.name(), node.id(), job.lease().toMillis()))
          .onFailure(e -> LOG.warn("Renewing job {} failed: {}", job.name(), e.toString()))
          .onSuccess(
              rows -> {
                if (rows.rowCount() > 0) return;
                metrics.increment("vitrina_job_leases_lost_total", "job", job.name(), 1);
                LOG.warn(
                    "Job {} was taken over by another node while it ran here (its lease passed)",
                    job.name());
              });
    }

    /** Lets go of the job, due a period after this run started; the next turn comes then. */
    private Future<Void> release() {
      return pool.preparedQuery(
              "UPDATE cluster_jobs SET held_until = NULL, last_finished = now(),"
                  + " next_due = greatest(last_started + $4 * interval '1 millisecond', now())"
                  + " WHERE store_id = $1 AND name = $2 AND holder = $3 AND held_until IS NOT NULL"
                  + " RETURNING ceil(extract(epoch FROM next_due - now()) * 1000)::bigint")
          .execute(Tuple.of(STORE, job.name(), node.id(), every()))
          .onSuccess(
              rows -> {
                if (rows.size() > 0) after(Math.min(every(), rows.iterator().next().getLong(0)));
              })
          .onFailure(
              e ->
                  LOG.warn(
                      "Letting go of job {} failed ({}); another node takes it after its lease",
                      job.name(),
                      e.toString()))
          .<Void>mapEmpty()
          .otherwiseEmpty();
    }
  }
}
