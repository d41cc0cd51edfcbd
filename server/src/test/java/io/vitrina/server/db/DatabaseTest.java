package io.vitrina.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.server.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @Test
  void poolConnectionsCarryAStatementTimeout() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Database database = Database.external(TestPostgres.newDatabase())) {
      Pool pool = database.pool(vertx, 1);
      String timeout =
          pool.query("SHOW statement_timeout")
              .execute()
              .map(rows -> rows.iterator().next().getString(0))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      assertEquals("1min", timeout);
      pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A run killed with SIGKILL (as the kernel kills one out of memory) leaves its PostgreSQL
   * running: the next start stops it and comes up the first time, with the data.
   */
  @Test
  void aStartAfterAKilledRunTakesItsPostgresOver(@TempDir Path dir) throws Exception {
    Process killed = EmbeddedRun.start(dir);
    killed.destroyForcibly().waitFor();

    long started = System.nanoTime();
    Vertx vertx = Vertx.vertx();
    try (Database database = Database.embedded(dir)) {
      String note =
          database
              .pool(vertx, 1)
              .query("SELECT note FROM kept")
              .execute()
              .map(rows -> rows.iterator().next().getString(0))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      assertEquals("before", note);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    assertTrue(seconds < 30, "the start took " + seconds + " s");
  }

  /** A run still alive on the folder keeps it: two servers on one folder would corrupt it. */
  @Test
  void aStartWhileAnotherRunHoldsTheFolderWaitsThenRefuses(@TempDir Path dir) throws Exception {
    Process alive = EmbeddedRun.start(dir);
    try {
      IOException refused =
          assertThrows(IOException.class, () -> Database.embedded(dir, Duration.ofSeconds(2)));
      assertTrue(refused.getMessage().contains("another process still holds"), refused.toString());
    } finally {
      alive.destroyForcibly().waitFor();
    }
    // Its PostgreSQL, orphaned now, is taken over and stopped cleanly.
    Database.embedded(dir).close();
    assertFalse(Files.exists(dir.resolve("postmaster.pid")), "PostgreSQL still runs");
  }
}
