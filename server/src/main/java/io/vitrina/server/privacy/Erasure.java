package io.vitrina.server.privacy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.EventType;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.events.EventLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a shopper everywhere, in this order:
 *
 * <ol>
 *   <li>one transaction deletes every section's rows (events, identities, experiment state, and
 *       whatever capabilities added) and appends a {@link EventType#SHOPPER_ERASED} event to the
 *       log that names the shopper's keys only by their {@link #digest}s, with a wake-up for the
 *       other nodes;
 *   <li>this node's memory forgets the keys at once; every other node forgets them when its tail
 *       applies that event (memory scanned for the digests), in the log's order, so that no event
 *       of the shopper read before the erasure lands after it;
 *   <li>once every transaction that began before the erasure has ended, every section erases again
 *       what such a transaction committed after the delete (an event of a request in flight at the
 *       moment of the erasure, a counting job's per-shopper row).
 * </ol>
 *
 * A start's replay reads the log without the shopper's events, so it cannot bring them back; it
 * skips the erasure events (there is nothing left for them to erase).
 */
final class Erasure {
  private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

  /** How long the last step waits for the transactions under way at the erasure to end. */
  static final int SWEEP_TRIES = 100;

  static final long SWEEP_EVERY_MS = 20;

  private final Vertx vertx;
  private final Pool pool;
  private final ProfileStore profiles;

  /**
   * The keys of the erasures this node made, by their first digest, until its tail applies them: it
   * forgets them again by the keys (an event of the shopper the tail had read before the erasure
   * may have landed meanwhile), without a scan.
   */
  private final Map<String, Pending> erasedHere = new ConcurrentHashMap<>();

  /**
   * An erasure of this node under way: its keys, and what this node's tail forgot when it applied
   * the erasure before the commit's callback ran (the callback reports both).
   */
  private record Pending(List<String> keys, AtomicReference<ProfileStore.Forgotten> byTail) {}

  /** Every section, for what they hold in memory ({@link ShopperData#forget}). */
  private final Supplier<List<ShopperData>> sections;

  Erasure(Vertx vertx, Pool pool, ProfileStore profiles, Supplier<List<ShopperData>> sections) {
    this.vertx = vertx;
    this.pool = pool;
    this.profiles = profiles;
    this.sections = sections;
  }

  /** Forgets the shoppers of {@code keys} in this node's memory. */
  private ProfileStore.Forgotten forgetHere(List<String> keys) {
    Set<String> erased = Set.copyOf(keys);
    for (ShopperData section : sections.get()) section.forget(erased::contains);
    return profiles.forget(erased);
  }

  private static ProfileStore.Forgotten plus(ProfileStore.Forgotten a, ProfileStore.Forgotten b) {
    if (b == null) return a;
    return new ProfileStore.Forgotten(
        a.profiles() + b.profiles(),
        a.aliases() + b.aliases(),
        a.consents() + b.consents(),
        a.awaitedLines() + b.awaitedLines());
  }

  /** Erases the shopper; completes with the rows and entries erased, by table. */
  Future<JsonObject> erase(ShopperIds shopper, List<ShopperData> sections) {
    List<String> digests = shopper.keys().stream().map(Erasure::digest).toList();
    Map<String, Integer> counts = new TreeMap<>();
    // Before the commit: this node's tail may apply the erasure before the commit's callback runs.
    Pending pending = new Pending(shopper.keys(), new AtomicReference<>());
    erasedHere.put(digests.getFirst(), pending);
    return pool.withTransaction(
            tx ->
                eraseInOrder(tx, shopper, sections, 0, counts)
                    .compose(x -> appendErased(tx, digests)))
        .onFailure(e -> erasedHere.remove(digests.getFirst()))
        .compose(
            xid -> {
              ProfileStore.Forgotten memory =
                  plus(forgetHere(shopper.keys()), pending.byTail().get());
              return sweepStragglers(shopper, sections, xid, 0)
                  .map(
                      late -> {
                        late.forEach((table, rows) -> counts.merge(table, rows, Integer::sum));
                        LOG.info(
                            "A shopper of {} ids was erased: {} (memory: {})",
                            shopper.keys().size(),
                            counts,
                            memory);
                        return new JsonObject()
                            .put("tables", new JsonObject(Map.copyOf(counts)))
                            .put(
                                "memory",
                                new JsonObject()
                                    .put("profiles", memory.profiles())
                                    .put("aliases", memory.aliases())
                                    .put("consents", memory.consents())
                                    .put("awaited_lines", memory.awaitedLines()));
                      });
            });
  }

  private static Future<Void> eraseInOrder(
      SqlConnection tx,
      ShopperIds shopper,
      List<ShopperData> sections,
      int from,
      Map<String, Integer> counts) {
    if (from == sections.size()) return Future.succeededFuture();
    return sections
        .get(from)
        .erase(tx, shopper)
        .compose(
            erased -> {
              erased.forEach((table, rows) -> counts.merge(table, rows, Integer::sum));
              return eraseInOrder(tx, shopper, sections, from + 1, counts);
            });
  }

  /**
   * The erasure in the log, written by no node's intake (so every node, this one too, reads it as a
   * peer's), and the other nodes woken; completes with its transaction id.
   */
  private static Future<Long> appendErased(SqlConnection tx, List<String> digests) {
    JsonArray items = new JsonArray();
    for (String digest : digests) items.add(new JsonObject().put("id", digest));
    return tx.preparedQuery(
            "INSERT INTO events (occurred_at, name, visitor_id, items) VALUES (now(), $1, $2,"
                + " $3::text::jsonb) RETURNING xid, (SELECT pg_notify('"
                + EventLog.CHANNEL
                + "', 'erasure'))")
        .execute(Tuple.of(EventType.SHOPPER_ERASED.wireName(), digests.getFirst(), items.encode()))
        .map(rows -> rows.iterator().next().getLong("xid"));
  }

  /**
   * Erases the shopper's rows once more when every transaction that began before the erasure has
   * ended: what such a transaction committed after the delete (an event of a request in flight, a
   * counting job's per-shopper row) goes too. Completes with the rows it found, by table.
   */
  private Future<Map<String, Integer>> sweepStragglers(
      ShopperIds shopper, List<ShopperData> sections, long xid, int tries) {
    return LogPosition.horizon(pool)
        .compose(
            horizon -> {
              if (horizon.xid() <= xid && tries < SWEEP_TRIES) {
                Promise<Map<String, Integer>> later = Promise.promise();
                vertx.setTimer(
                    SWEEP_EVERY_MS,
                    id -> sweepStragglers(shopper, sections, xid, tries + 1).onComplete(later));
                return later.future();
              }
              Map<String, Integer> late = new TreeMap<>();
              return pool.withTransaction(tx -> eraseInOrder(tx, shopper, sections, 0, late))
                  .map(x -> late);
            });
  }

  /**
   * Applies an erasure event of the log to this node's memory: by the keys when this node made it,
   * else by a scan of memory for keys with the event's digests.
   */
  ProfileStore.Forgotten applied(List<String> digests) {
    if (digests.isEmpty()) return new ProfileStore.Forgotten(0, 0, 0, 0);
    Pending pending = erasedHere.remove(digests.getFirst());
    if (pending != null) {
      ProfileStore.Forgotten forgotten = forgetHere(pending.keys());
      pending.byTail().set(forgotten);
      return forgotten;
    }
    Set<String> erased = Set.copyOf(digests);
    Predicate<String> named = key -> erased.contains(digest(key));
    for (ShopperData section : sections.get()) section.forget(named);
    return profiles.forgetMatching(named);
  }

  /**
   * How the log names an erased profile key: its SHA-256, so that the log keeps no id of the
   * shopper and nodes still recognise the keys they hold.
   */
  static String digest(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
