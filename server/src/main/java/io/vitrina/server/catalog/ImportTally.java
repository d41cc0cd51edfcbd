package io.vitrina.server.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.http.ApiErrors;
import io.vitrina.server.input.Problem;
import java.util.List;

/**
 * What one import did, added up over its chunks: the answer every import gives, success or not.
 * Only the first {@link ApiErrors#MAX_LISTED} problems are kept; the counts are exact.
 */
final class ImportTally {
  private int added;
  private int updated;
  private int unchanged;
  private int skipped;
  private final JsonArray errors = new JsonArray();
  private FeedSweep.Missing swept;
  private int sweptCount;

  /** A line refused before it reached the catalog, with its problems. */
  void skip(List<Problem> problems) {
    skipped++;
    for (Problem p : problems) error(p.toJson());
  }

  /** A line refused before it reached the catalog, described in the import's own terms. */
  void skip(JsonObject problem) {
    skipped++;
    error(problem);
  }

  void add(WriteResult result) {
    added += result.added().size();
    updated += result.updated();
    unchanged += result.unchanged();
    skipped += result.skipped();
    for (Problem p : result.problems()) error(p.toJson());
  }

  void swept(FeedSweep.Missing missing, int count) {
    swept = missing;
    sweptCount = count;
  }

  private void error(JsonObject problem) {
    if (errors.size() < ApiErrors.MAX_LISTED) errors.add(problem);
  }

  /** Rows and index documents written: new and changed items. */
  int written() {
    return added + updated;
  }

  /** Items the catalog holds as the import sent them, written or found the same. */
  int upserted() {
    return added + updated + unchanged;
  }

  int skipped() {
    return skipped;
  }

  JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("added", added)
            .put("updated", updated)
            .put("unchanged", unchanged)
            .put("skipped", skipped)
            .put("upserted", upserted());
    if (swept == FeedSweep.Missing.UNAVAILABLE) json.put("marked_unavailable", sweptCount);
    else if (swept == FeedSweep.Missing.DELETE) json.put("removed", sweptCount);
    return json.put("errors", errors);
  }
}
