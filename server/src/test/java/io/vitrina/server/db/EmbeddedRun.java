package io.vitrina.server.db;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A run of the embedded PostgreSQL in a JVM of its own, for tests that kill it: starts it on the
 * folder given, writes a row, prints {@code ready} and waits to be killed.
 */
public final class EmbeddedRun {
  private EmbeddedRun() {}

  public static void main(String[] args) throws Exception {
    Database database = Database.embedded(Path.of(args[0]));
    Pool pool = database.pool(Vertx.vertx(), 1);
    pool.query("CREATE TABLE IF NOT EXISTS kept (note text); INSERT INTO kept VALUES ('before')")
        .execute()
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Starts a run on {@code dir} and returns once it has written its row. */
  static Process start(Path dir) throws Exception {
    Process run =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedRun.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    var output = run.inputReader();
    for (String line; (line = output.readLine()) != null; ) if (line.equals("ready")) return run;
    throw new IllegalStateException("the run ended before it was ready: " + run.waitFor());
  }
}
