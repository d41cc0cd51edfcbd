package io.vitrina.server.campaigns;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.campaign.Campaign;
import io.vitrina.engine.campaign.Slot;
import io.vitrina.server.cluster.ConfigurationNotice;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns and slots in PostgreSQL, the system of record of every node's: the JSON as saved. Every
 * statement that changes one notifies, so that every node reloads both when it commits (one live
 * configuration: a page's decision reads campaigns and slots of one moment).
 */
public final class CampaignStore {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignStore.class);

  /** The name of the campaigns and slots as a live configuration. */
  public static final String CONFIGURATION = "campaigns";

  private static final String STORE = "default";

  /** What every node serves: the campaigns by id and the slots by name. */
  public record Snapshot(Map<String, Campaign> campaigns, Map<String, Slot> slots) {
    public static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());
  }

  /** The two tables, named here only (never from a request). */
  private enum Table {
    CAMPAIGNS("campaigns", "id"),
    SLOTS("slots", "name");

    final String name;
    final String key;

    Table(String name, String key) {
      this.name = name;
      this.key = key;
    }
  }

  private final Pool pool;
  private final ConfigurationNotice notice;

  public CampaignStore(Pool pool, ConfigurationNotice notice) {
    this.pool = pool;
    this.notice = notice;
  }

  /** Creates or replaces the campaign; whether it was new. */
  public Future<Boolean> putCampaign(String id, JsonObject definition) {
    return put(Table.CAMPAIGNS, id, definition);
  }

  public Future<Boolean> putSlot(String name, JsonObject definition) {
    return put(Table.SLOTS, name, definition);
  }

  /** Adds the campaign unless one of that id exists (the demo's never overwrite a store's). */
  public Future<Void> putCampaignIfAbsent(String id, JsonObject definition) {
    return putIfAbsent(Table.CAMPAIGNS, id, definition);
  }

  public Future<Void> putSlotIfAbsent(String name, JsonObject definition) {
    return putIfAbsent(Table.SLOTS, name, definition);
  }

  /** Whether a campaign was there to delete. */
  public Future<Boolean> deleteCampaign(String id) {
    return delete(Table.CAMPAIGNS, id);
  }

  public Future<Boolean> deleteSlot(String name) {
    return delete(Table.SLOTS, name);
  }

  private Future<Boolean> put(Table table, String key, JsonObject definition) {
    return pool.preparedQuery(
            "WITH saved AS (INSERT INTO "
                + table.name
                + " (store_id, "
                + table.key
                + ", definition, updated_at) VALUES ($1, $2, $3::jsonb, now()) "
                + "ON CONFLICT (store_id, "
                + table.key
                + ") DO UPDATE SET definition = excluded.definition, updated_at = now() "
                + "RETURNING (xmax = 0) AS inserted) SELECT inserted, "
                + ConfigurationNotice.sql(4)
                + " FROM saved")
        .execute(Tuple.of(STORE, key, definition.encode(), notice.payload()))
        .map(rows -> rows.iterator().next().getBoolean("inserted"));
  }

  private Future<Void> putIfAbsent(Table table, String key, JsonObject definition) {
    return pool.preparedQuery(
            "WITH added AS (INSERT INTO "
                + table.name
                + " (store_id, "
                + table.key
                + ", definition) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING 1) "
                + "SELECT "
                + ConfigurationNotice.sql(4)
                + " FROM added")
        .execute(Tuple.of(STORE, key, definition.encode(), notice.payload()))
        .mapEmpty();
  }

  private Future<Boolean> delete(Table table, String key) {
    return pool.preparedQuery(
            "WITH gone AS (DELETE FROM "
                + table.name
                + " WHERE store_id = $1 AND "
                + table.key
                + " = $2 RETURNING 1) SELECT "
                + ConfigurationNotice.sql(3)
                + " FROM gone")
        .execute(Tuple.of(STORE, key, notice.payload()))
        .map(rows -> rows.size() > 0);
  }

  /** Every campaign and slot: a snapshot of the tables. */
  public Future<Snapshot> snapshot() {
    return read(Table.CAMPAIGNS, CampaignJson::stored)
        .compose(
            campaigns -> read(Table.SLOTS, SlotJson::stored).map(s -> new Snapshot(campaigns, s)));
  }

  private <T> Future<Map<String, T>> read(Table table, BiFunction<String, JsonObject, T> parse) {
    return pool.preparedQuery(
            "SELECT " + table.key + ", definition FROM " + table.name + " WHERE store_id = $1")
        .execute(Tuple.of(STORE))
        .map(
            rows -> {
              Map<String, T> out = new TreeMap<>();
              for (Row row : rows) {
                String key = row.getString(0);
                Object value = row.getValue(1);
                JsonObject json =
                    value instanceof JsonObject o ? o : new JsonObject(value.toString());
                try {
                  out.put(key, parse.apply(key, json));
                } catch (RuntimeException e) {
                  // Saved by a newer version with a field this one lacks: the others serve.
                  LOG.warn(
                      "{} {} is not understood by this version: {}", table.name, key, e.toString());
                }
              }
              return Collections.unmodifiableMap(out);
            });
  }
}
