package io.vitrina.server.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the system of record lives: an external PostgreSQL given by URL, or an embedded one whose
 * files stay under the data folder so that a restart finds everything again.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  static final String STATEMENT_TIMEOUT = "60s";
  static final String IDLE_IN_TRANSACTION_TIMEOUT = "10s";

  /** How long a start waits for an earlier run that still holds the data folder to stop. */
  static final Duration OWNER_WAIT = Duration.ofSeconds(90);

  /** How long a fast shutdown may take (its checkpoint writes what the last run left dirty). */
  static final Duration FAST_STOP_WAIT = Duration.ofMinutes(2);

  /** How long an immediate shutdown may take; it writes nothing. */
  static final Duration IMMEDIATE_STOP_WAIT = Duration.ofSeconds(30);

  /** EmbeddedPostgres' lock on the data folder, held by the process that runs its PostgreSQL. */
  static final String LOCK_FILE = "epg-lock";

  private final EmbeddedPostgres embedded;
  private final Path dir;
  private final String url;

  private Database(EmbeddedPostgres embedded, Path dir, String url) {
    this.embedded = embedded;
    this.dir = dir;
    this.url = url;
  }

  public static Database external(String url) {
    return new Database(null, null, url);
  }

  /**
   * Starts PostgreSQL from the binaries inside the jar, keeping its files in {@code dir}. A
   * PostgreSQL that an earlier run left running (killed, or out of memory) is stopped first, and
   * the start waits for an earlier run that is still stopping.
   */
  public static Database embedded(Path dir) throws IOException {
    return embedded(dir, OWNER_WAIT);
  }

  static Database embedded(Path dir, Duration ownerWait) throws IOException {
    Files.createDirectories(dir);
    awaitNoOwner(dir, ownerWait);
    stopOrphan(dir);
    long started = System.nanoTime();
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            // We stop it ourselves, after the last accepted events are flushed.
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("max_connections", "100")
            // The embedded server is tuned for throwaway test databases (no fsync, asynchronous
            // commit). Here it holds a store's data: acknowledged means on disk.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .start();
    LOG.info(
        "Embedded PostgreSQL started on port {} with data in {} ({} ms)",
        pg.getPort(),
        dir.toAbsolutePath(),
        (System.nanoTime() - started) / 1_000_000);
    return new Database(pg, dir, "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres");
  }

  /**
   * Waits while another process holds the folder's lock: an earlier run still stopping (a shutdown
   * hook flushing events). Past {@code wait} it refuses: two services on one folder would corrupt
   * it, so the other must be stopped (or, if it hangs, killed) first.
   */
  private static void awaitNoOwner(Path dir, Duration wait) throws IOException {
    Path lockFile = dir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) return;
    long deadline = System.nanoTime() + wait.toNanos();
    long nextLog = System.nanoTime();
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      while (true) {
        try (FileLock lock = channel.tryLock()) {
          if (lock != null) return;
        } catch (OverlappingFileLockException e) {
          throw new IOException("this process already runs the PostgreSQL of " + dir, e);
        }
        if (System.nanoTime() > deadline)
          throw new IOException(
              "another process still holds "
                  + lockFile
                  + " after "
                  + wait.toSeconds()
                  + " s: a Vitrina running on this data folder. Stop it first (if it hangs, kill"
                  + " it); its PostgreSQL is then taken over");
        if (System.nanoTime() >= nextLog) {
          LOG.warn("Waiting for the process that holds {} to stop", lockFile);
          nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        }
        sleep(Duration.ofMillis(250));
      }
    }
  }

  /**
   * A process killed with SIGKILL (or by the kernel when out of memory) leaves its embedded
   * PostgreSQL running and holding the data folder; stop that orphan so this start can take the
   * folder over. Fast shutdown (SIGINT: it ends the orphan's sessions rather than wait for them, as
   * the smart one does), given the time its checkpoint takes after a busy run; then, if it still
   * runs, immediate shutdown (SIGQUIT: nothing written, the start recovers from the WAL, which
   * holds every acknowledged commit since fsync is on).
   */
  private static void stopOrphan(Path dir) throws IOException {
    Optional<ProcessHandle> found = postmaster(dir);
    if (found.isEmpty()) return;
    ProcessHandle orphan = found.get();
    LOG.warn(
        "Stopping PostgreSQL process {} left running on {} by an earlier run", orphan.pid(), dir);
    signal(orphan, "INT");
    if (awaitExit(orphan, FAST_STOP_WAIT)) return;
    LOG.warn(
        "PostgreSQL process {} did not stop within {} s; stopping it immediately (it recovers"
            + " from its write-ahead log at the start)",
        orphan.pid(),
        FAST_STOP_WAIT.toSeconds());
    signal(orphan, "QUIT");
    if (!awaitExit(orphan, IMMEDIATE_STOP_WAIT))
      throw new IOException(
          "PostgreSQL process "
              + orphan.pid()
              + " on "
              + dir
              + " does not stop: kill it (kill -9 "
              + orphan.pid()
              + ") and start again");
  }

  /** The PostgreSQL server running on {@code dir}, from its pid file. */
  private static Optional<ProcessHandle> postmaster(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) return Optional.empty();
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    if (!first.matches("\\d+")) return Optional.empty();
    return ProcessHandle.of(Long.parseLong(first))
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
  }

  private static void signal(ProcessHandle process, String signal) throws IOException {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .inheritIO()
          .start()
          .waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL", e);
    }
  }

  /** Whether {@code process} exited within {@code wait}; says every 10 s that it is waiting. */
  private static boolean awaitExit(ProcessHandle process, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (process.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      try {
        process.onExit().get(Math.min(left, TimeUnit.SECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        LOG.info("Waiting for PostgreSQL process {} to stop", process.pid());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        return !process.isAlive();
      }
    }
    return true;
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public Pool pool(Vertx vertx, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(connectOptions())
        .using(vertx)
        .build();
  }

  /** How this service's connections are made: for the pool and for a listening session. */
  public PgConnectOptions connectOptions() {
    return PgConnectOptions.fromUri(url)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256)
        // Every statement here takes well under a second; one that hangs (a lock, a sick disk)
        // must fail and free its connection and the catalog write queue behind it.
        .addProperty("statement_timeout", STATEMENT_TIMEOUT)
        // Every node reads the event log only below the oldest transaction still open: one left
        // open would hold every node's delivery back, so none may idle inside a transaction.
        .addProperty("idle_in_transaction_session_timeout", IDLE_IN_TRANSACTION_TIMEOUT);
  }

  /**
   * Stops the embedded PostgreSQL, if this is one. A checkpoint first, so that the shutdown's own
   * is short: EmbeddedPostgres gives {@code pg_ctl stop} 5 s, after a busy run too few, and then
   * leaves the server stopping after this process has gone; and then waits until it has stopped.
   */
  @Override
  public void close() throws IOException {
    if (embedded == null) return;
    Optional<ProcessHandle> server = postmaster(dir);
    try (Connection connection = embedded.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    } catch (SQLException e) {
      LOG.warn("Checkpoint before stopping PostgreSQL failed: {}", e.getMessage());
    }
    embedded.close();
    if (server.isPresent() && !awaitExit(server.get(), FAST_STOP_WAIT))
      LOG.warn("PostgreSQL process {} is still stopping", server.get().pid());
  }

  /** URL without the password, for logs. */
  public String describe() {
    return (embedded != null ? "embedded " : "")
        + url.replaceAll("://([^:@/]+):[^@]*@", "://$1:***@");
  }
}
