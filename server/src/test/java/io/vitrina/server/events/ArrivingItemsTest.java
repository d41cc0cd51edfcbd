package io.vitrina.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lines of events naming items the catalog lacked: written with the events, settled as the events
 * are applied, and counted once, by the function the profiles give, when the items arrive.
 */
class ArrivingItemsTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  private Vertx vertx;
  private Database database;
  private Pool pool;
  private EventLog log;

  /** What the catalog has, as the test says (read by the arrivals' threads). */
  private final Set<String> catalog = ConcurrentHashMap.newKeySet();

  /** What the profiles were asked to count. */
  private final List<String> counted = new CopyOnWriteArrayList<>();

  private ArrivingItems arrivals;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    database = Database.external(TestPostgres.newDatabase());
    pool = database.pool(vertx, 2);
    await(Migrations.apply(pool));
    log = new EventLog(vertx, pool, Node.started(), 100, 1_000);
    catalog.add("known");
    arrivals =
        new ArrivingItems(
            vertx,
            pool,
            this::inCatalog,
            (event, items) -> counted.add(event.visitorId() + " " + event.type() + " " + items));
  }

  private Set<String> inCatalog(Collection<String> ids) {
    Set<String> out = new HashSet<>(ids);
    out.retainAll(catalog);
    return out;
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

  private static Event event(EventType type, String visitor, Instant at, String... items) {
    List<EventItem> lines = new ArrayList<>();
    for (String id : items) lines.add(EventItem.of(id));
    return new Event(type, visitor, null, lines, null, null, null, at);
  }

  /** Appends through the log, as the intake does, and returns the lines that await. */
  private List<EventLog.Awaiting> append(Set<String> unknown, Event... events) throws Exception {
    EventLog.Appended appended = await(log.append(List.of(events), unknown));
    return new ArrayList<>(appended.awaiting().values());
  }

  @Test
  void linesOfAnItemStillMissingWhenTheirEventWasAppliedAreCountedOnceWhenItArrives()
      throws Exception {
    List<EventLog.Awaiting> awaiting =
        append(
            Set.of("late"),
            event(EventType.VIEW_ITEM, "v1", NOW, "known", "late"),
            event(EventType.PAGE_VIEW, "v1", NOW),
            event(EventType.ADD_TO_CART, "v2", NOW, "late"));
    assertEquals(2, awaiting.size(), "only the events naming the missing item");
    assertEquals(Set.of("late"), awaiting.get(0).itemIds());
    awaiting.forEach(arrivals::applied);

    catalog.add("late");
    assertEquals(2, await(arrivals.itemsArrived(Set.of("late"))));
    assertEquals(List.of("v1 VIEW_ITEM [late]", "v2 ADD_TO_CART [late]"), counted);
    assertEquals(0, await(arrivals.itemsArrived(Set.of("late"))), "forgotten once counted");
    assertEquals(2, counted.size());
  }

  @Test
  void aLineWhoseItemArrivedBeforeItsEventWasAppliedIsLeftToTheProfile() throws Exception {
    List<EventLog.Awaiting> awaiting =
        append(Set.of("quick"), event(EventType.VIEW_ITEM, "v1", NOW, "quick"));
    catalog.add("quick"); // between the intake's look-up and the online update
    awaiting.forEach(arrivals::applied);
    assertEquals(0, await(arrivals.itemsArrived(Set.of("quick"))));
    assertEquals(List.of(), counted, "the profile counted it when the event was applied");
  }

  @Test
  void linesOfAnEventNotYetAppliedAreLeftToItsUpdate() throws Exception {
    List<EventLog.Awaiting> awaiting =
        append(Set.of("soon"), event(EventType.VIEW_ITEM, "v1", NOW, "soon"));
    catalog.add("soon");
    assertEquals(0, await(arrivals.itemsArrived(Set.of("soon"))), "not applied yet");
    awaiting.forEach(arrivals::applied); // the update that follows finds the item and counts it
    assertEquals(0, await(arrivals.itemsArrived(Set.of("soon"))));
    assertEquals(List.of(), counted);
  }

  @Test
  void aStartSettlesTheLinesByWhatTheCatalogHasThen() throws Exception {
    Instant old = NOW.minus(Duration.ofDays(100));
    append(
        new LinkedHashSet<>(List.of("still-missing", "came-meanwhile", "old")),
        event(EventType.VIEW_ITEM, "v1", NOW, "still-missing", "came-meanwhile"),
        event(EventType.VIEW_ITEM, "v2", old, "old"));
    // No event was applied: the service stopped before. The catalog got one item meanwhile.
    catalog.add("came-meanwhile");
    assertEquals(1L, await(arrivals.settleAfterReplay(NOW.minus(Duration.ofDays(90)))));
    catalog.add("still-missing");
    assertEquals(1, await(arrivals.itemsArrived(Set.of("still-missing", "came-meanwhile", "old"))));
    assertEquals(List.of("v1 VIEW_ITEM [still-missing]"), counted);
  }

  @Test
  void linesOfEventsOlderThanTheProfilesAreForgotten() throws Exception {
    append(
            Set.of("never"),
            event(EventType.VIEW_ITEM, "v1", NOW.minus(Duration.ofDays(100)), "never"),
            event(EventType.VIEW_ITEM, "v2", NOW, "never"))
        .forEach(arrivals::applied);
    assertEquals(1, await(arrivals.forgetOlderThan(NOW.minus(Duration.ofDays(90)))));
    catalog.add("never");
    assertEquals(1, await(arrivals.itemsArrived(Set.of("never"))));
    assertEquals(List.of("v2 VIEW_ITEM [never]"), counted);
  }
}
