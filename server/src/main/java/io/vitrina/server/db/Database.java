package io.vitrina.server.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the system of record lives: an external PostgreSQL given by URL, or an embedded one whose
 * files stay under the data folder so that a restart finds everything again.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  static final String STATEMENT_TIMEOUT = "60s";
  private final EmbeddedPostgres embedded;
  private final String url;

  private Database(EmbeddedPostgres embedded, String url) {
    this.embedded = embedded;
    this.url = url;
  }

  public static Database external(String url) {
    return new Database(null, url);
  }

  /** Starts PostgreSQL from the binaries inside the jar, keeping its files in {@code dir}. */
  public static Database embedded(Path dir) throws IOException {
    Files.createDirectories(dir);
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
    return new Database(pg, "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres");
  }

  /**
   * A process killed with SIGKILL leaves its embedded PostgreSQL running and holding the data
   * folder; stop that orphan so this start can take the folder over.
   */
  private static void stopOrphan(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) return;
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    if (first.isEmpty()) return;
    ProcessHandle.of(Long.parseLong(first))
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
        .ifPresent(
            orphan -> {
              LOG.warn(
                  "Stopping PostgreSQL process {} left running on {} by an earlier run",
                  orphan.pid(),
                  dir);
              orphan.destroy(); // SIGTERM: a smart shutdown that keeps the data consistent
              orphan.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            });
  }

  public Pool pool(Vertx vertx, int size) {
    PgConnectOptions connect =
        PgConnectOptions.fromUri(url)
            .setCachePreparedStatements(true)
            .setPipeliningLimit(256)
            // Every statement here takes well under a second; one that hangs (a lock, a sick disk)
            // must fail and free its connection and the catalog write queue behind it.
            .addProperty("statement_timeout", STATEMENT_TIMEOUT);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) embedded.close();
  }

  /** URL without the password, for logs. */
  public String describe() {
    return (embedded != null ? "embedded " : "")
        + url.replaceAll("://([^:@/]+):[^@]*@", "://$1:***@");
  }
}
