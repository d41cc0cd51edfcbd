package io.vitrina.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A configuration in a real PostgreSQL table, reloaded while it is saved: a reload that read before
 * a save commits can swap in what it read, but the reload the saver waits for comes after it.
 */
class LiveConfigurationTest {
  private Vertx vertx;
  private Database database;
  private Pool pool;

  /** When set, the next read is held here between reading the table and handing the snapshot. */
  private final AtomicReference<Promise<Void>> hold = new AtomicReference<>();

  /** Completed when a held read has read. */
  private final AtomicReference<CompletableFuture<Void>> heldRead = new AtomicReference<>();

  private final AtomicInteger reads = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    database = Database.external(TestPostgres.newDatabase());
    pool = database.pool(vertx, 4);
    await(
        pool.query("CREATE TABLE settings (name text PRIMARY KEY, value text NOT NULL)").execute());
  }

  @AfterEach
  void tearDown() throws Exception {
    await(pool.close());
    await(vertx.close());
    database.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  /** The table as a snapshot; held where {@link #hold} says. */
  private Future<Map<String, String>> read() {
    reads.incrementAndGet();
    Promise<Void> held = hold.getAndSet(null);
    return pool.query("SELECT name, value FROM settings")
        .execute()
        .compose(
            rows -> {
              Map<String, String> all = new TreeMap<>();
              for (Row row : rows) all.put(row.getString("name"), row.getString("value"));
              if (held == null) return Future.succeededFuture(Map.copyOf(all));
              heldRead.get().complete(null);
              return held.future().map(x -> Map.copyOf(all));
            });
  }

  private LiveConfiguration<Map<String, String>> settings() {
    return new LiveConfiguration<>(
        new ConfigurationNotice("settings", "node-a"), this::read, Map.of());
  }

  private Future<Void> save(String name, String value) {
    return pool.preparedQuery(
            "INSERT INTO settings VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = $2")
        .execute(Tuple.of(name, value))
        .mapEmpty();
  }

  private Promise<Void> holdTheNextRead() {
    Promise<Void> release = Promise.promise();
    heldRead.set(new CompletableFuture<>());
    hold.set(release);
    return release;
  }

  @Test
  void aReloadThatReadBeforeASaveDoesNotUndoIt() throws Exception {
    LiveConfiguration<Map<String, String>> settings = settings();
    await(save("colour", "red"));
    await(settings.reload());

    Promise<Void> release = holdTheNextRead();
    Future<Void> early = settings.reload(); // a poll or another node's notice
    heldRead.get().get(1, TimeUnit.MINUTES); // it has read "red"
    await(save("colour", "blue"));
    Future<Void> afterSave = settings.reload(); // what the saving node waits for
    assertEquals(Map.of("colour", "red"), settings.current(), "nothing swapped yet");

    vertx.runOnContext(x -> release.complete());
    await(early);
    await(afterSave);
    assertEquals(Map.of("colour", "blue"), settings.current());
    assertEquals(3, reads.get(), "the save's reload read after the held one");
  }

  @Test
  void reloadsAskedWhileOneRunsShareTheNextRead() throws Exception {
    LiveConfiguration<Map<String, String>> settings = settings();
    Promise<Void> release = holdTheNextRead();
    Future<Void> first = settings.reload();
    heldRead.get().get(1, TimeUnit.MINUTES);
    List<Future<Void>> asked = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      await(save("k" + i, "v" + i));
      asked.add(settings.reload());
    }
    vertx.runOnContext(x -> release.complete());
    await(first);
    for (Future<Void> f : asked) await(f);
    assertEquals(10, settings.current().size(), settings.current().toString());
    assertEquals(2, reads.get(), "ten asks during one reload, one read after it");
  }

  @Test
  void concurrentSavesAndReloadsEndWithEverySaveServed() throws Exception {
    LiveConfiguration<Map<String, String>> settings = settings();
    // Reloads asked without pause (as notices and polls would), saves each followed by the
    // saver's reload; after each saver's reload its value is served, and stays until replaced.
    for (int round = 0; round < 200; round++) {
      String value = "v" + round;
      Future<Void> noise = settings.reload();
      Future<Void> saved = save("colour", value).compose(x -> settings.reload());
      Future<Void> moreNoise = settings.reload();
      await(saved);
      assertEquals(value, settings.current().get("colour"), "round " + round);
      await(Future.all(noise, moreNoise));
      assertEquals(value, settings.current().get("colour"), "round " + round + ", later");
    }
  }

  @Test
  void aFailedReadKeepsTheSnapshotAndTheNextReloadReadsAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    LiveConfiguration<Map<String, String>> settings =
        new LiveConfiguration<>(
            new ConfigurationNotice("settings", "node-a"),
            () -> calls.incrementAndGet() == 2 ? Future.failedFuture("down") : read(),
            Map.of());
    await(save("colour", "red"));
    await(settings.reload());
    await(save("colour", "blue"));
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> await(settings.reload()));
    assertTrue(failed.getCause().getMessage().contains("down"));
    assertEquals(Map.of("colour", "red"), settings.current());
    await(settings.reload());
    assertEquals(Map.of("colour", "blue"), settings.current());
  }

  @Test
  void aNoticeNamesItsConfigurationAndNode() {
    ConfigurationNotice notice = new ConfigurationNotice("blocks", "1234-abcdef");
    assertEquals("blocks 1234-abcdef", notice.payload());
    assertEquals(notice, ConfigurationNotice.parse(notice.payload()).orElseThrow());
    assertTrue(ConfigurationNotice.parse("garbage").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> new ConfigurationNotice("a b", "n"));
  }
}
