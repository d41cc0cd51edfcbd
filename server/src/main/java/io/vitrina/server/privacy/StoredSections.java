package io.vitrina.server.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vitrina.server.events.EventHistory;
import io.vitrina.server.events.EventJson;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The sections of a shopper kept in PostgreSQL by the capabilities that predate this one: their
 * identities, what their events say of them (first and last seen), their events (paged), and the
 * experiments' per-shopper state. Each erases its own tables.
 */
final class StoredSections {
  private static final String STORE = "default";

  private StoredSections() {}

  static List<ShopperData> all(Pool pool, EventHistory history) {
    return List.of(identities(), attributes(pool), experiments(pool), events(history));
  }

  /** The ids, as {@link ShopperIds} resolved them; erases the identities table's rows. */
  static ShopperData identities() {
    return new ShopperData() {
      @Override
      public String name() {
        return "identities";
      }

      @Override
      public Future<Object> export(ExportRequest request) {
        ShopperIds shopper = request.shopper();
        return Future.succeededFuture(
            new JsonObject()
                .put("customer", shopper.customerId())
                .put("visitors", new JsonArray(List.copyOf(shopper.visitorIds()))));
      }

      @Override
      public Future<Map<String, Integer>> erase(SqlConnection tx, ShopperIds shopper) {
        return tx.preparedQuery(
                "DELETE FROM identities WHERE customer_id = $1 OR visitor_id = ANY($2)")
            .execute(byIds(shopper))
            .map(rows -> Map.of("identities", rows.rowCount()));
      }
    };
  }

  /** First and last seen and the latest region, from the events. (No device: events carry none.) */
  static ShopperData attributes(Pool pool) {
    return new ShopperData() {
      @Override
      public String name() {
        return "attributes";
      }

      @Override
      public Future<Object> export(ExportRequest request) {
        ShopperIds shopper = request.shopper();
        return pool.preparedQuery(
                "SELECT min(occurred_at) AS first_seen, max(occurred_at) AS last_seen, count(*) AS n,"
                    + " (SELECT region FROM events r WHERE (r.customer_id = $1 OR r.visitor_id ="
                    + " ANY($2)) AND r.region IS NOT NULL ORDER BY r.occurred_at DESC LIMIT 1) AS"
                    + " region FROM events e WHERE e.customer_id = $1 OR e.visitor_id = ANY($2)")
            .execute(byIds(shopper))
            .map(
                rows -> {
                  Row row = rows.iterator().next();
                  return new JsonObject()
                      .put("region", row.getString("region"))
                      .put("first_seen", instant(row.getOffsetDateTime("first_seen")))
                      .put("last_seen", instant(row.getOffsetDateTime("last_seen")))
                      .put("events", row.getLong("n"));
                });
      }
    };
  }

  /**
   * The arms the shopper was given and what was counted of them there; erases the per-shopper
   * state. The arms' aggregates keep their sums: they name no shopper (docs/PRIVACY.md).
   */
  static ShopperData experiments(Pool pool) {
    return new ShopperData() {
      @Override
      public String name() {
        return "experiments";
      }

      @Override
      public Future<Object> export(ExportRequest request) {
        return pool.preparedQuery(
                "SELECT experiment_id, arm, phase, outcome FROM experiment_shoppers"
                    + " WHERE store_id = $1 AND shopper = ANY($2) ORDER BY experiment_id, phase")
            .execute(Tuple.tuple().addString(STORE).addArrayOfString(request.shopper().keyArray()))
            .map(
                rows -> {
                  JsonArray out = new JsonArray();
                  for (Row row : rows)
                    out.add(
                        new JsonObject()
                            .put("experiment", row.getString("experiment_id"))
                            .put("arm", row.getString("arm"))
                            .put("phase", row.getInteger("phase"))
                            .put("outcome", row.getJsonObject("outcome")));
                  return out;
                });
      }

      @Override
      public Future<Map<String, Integer>> erase(SqlConnection tx, ShopperIds shopper) {
        Tuple keys = Tuple.tuple().addString(STORE).addArrayOfString(shopper.keyArray());
        return tx.preparedQuery(
                "DELETE FROM experiment_shoppers WHERE store_id = $1 AND shopper = ANY($2)")
            .execute(keys)
            .compose(
                shoppers ->
                    tx.preparedQuery(
                            "DELETE FROM experiment_units WHERE store_id = $1"
                                + " AND (unit = ANY($2) OR shopper = ANY($2))")
                        .execute(keys)
                        .map(
                            units ->
                                Map.of(
                                    "experiment_shoppers", shoppers.rowCount(),
                                    "experiment_units", units.rowCount())));
      }
    };
  }

  /**
   * A page of the shopper's events, oldest first, with the cursor of the next; erases every event
   * of every id of the shopper.
   */
  static ShopperData events(EventHistory history) {
    return new ShopperData() {
      @Override
      public String name() {
        return "events";
      }

      @Override
      public Future<Object> export(ExportRequest request) {
        ShopperIds shopper = request.shopper();
        return history
            .ofShopper(
                shopper.customerId(),
                shopper.visitors(),
                request.eventsAfter(),
                request.eventsLimit())
            .map(
                page -> {
                  JsonArray items = new JsonArray();
                  for (EventHistory.Stored stored : page)
                    items.add(EventJson.toJson(stored.event()).put("id", stored.id()));
                  String next =
                      page.size() < request.eventsLimit()
                          ? null
                          : Long.toString(page.getLast().id());
                  return new JsonObject().put("items", items).put("next", next);
                });
      }

      @Override
      public Future<Map<String, Integer>> erase(SqlConnection tx, ShopperIds shopper) {
        return tx.preparedQuery("DELETE FROM events WHERE customer_id = $1 OR visitor_id = ANY($2)")
            .execute(byIds(shopper))
            .map(rows -> Map.of("events", rows.rowCount()));
      }
    };
  }

  /** {@code $1} the customer id, {@code $2} the visitor ids. */
  static Tuple byIds(ShopperIds shopper) {
    return Tuple.tuple().addString(shopper.customerId()).addArrayOfString(shopper.visitors());
  }

  private static String instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toString();
  }
}
