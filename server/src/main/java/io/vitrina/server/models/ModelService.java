package io.vitrina.server.models;

import io.vertx.core.Future;
import io.vitrina.engine.model.ModelSnapshot;

/** The models the catalog index serves, built from the events in PostgreSQL. */
public interface ModelService {
  /** Starts a build, or joins the one under way; completes when the new model serves. */
  Future<ModelSnapshot> rebuild();

  /** Writes live popularity into the index, keeping the indicators. */
  Future<Void> refreshPopularity();

  /** The model serving now. */
  ModelSnapshot current();
}
