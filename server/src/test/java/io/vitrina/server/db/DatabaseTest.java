package io.vitrina.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.server.TestPostgres;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
}
