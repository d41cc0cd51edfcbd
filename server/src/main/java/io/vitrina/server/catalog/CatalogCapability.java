package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's endpoints (bulk upsert and merge, list, get, patch, delete, bulk delete, YML feed
 * import), its start-up load, its following of the other nodes' writes and the pruning of their
 * log.
 */
public final class CatalogCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogCapability.class);

  /** A patch or a bulk delete's list of ids, read whole: an item is at most 1 MiB. */
  private static final long SMALL_BODY = ItemsBulkLoad.MAX_LINE;

  private final IndexedCatalog catalog;
  private final Metrics metrics;
  private final Clock clock;
  private final long maxBodyBytes;

  /**
   * @param maxBodyBytes largest bulk upsert or feed, streamed, never held in memory
   */
  public CatalogCapability(
      IndexedCatalog catalog, Metrics metrics, Clock clock, long maxBodyBytes) {
    this.catalog = catalog;
    this.metrics = metrics;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    metrics.gauge("vitrina_catalog_items", "items searchable in the catalog index", catalog::size);
    metrics.gauge(
        "vitrina_catalog_items_from_peers",
        "items other nodes wrote or deleted, brought into this node's index since start",
        catalog::fromOthers);
  }

  /** How often the change log's old rows are deleted. */
  static final Duration PRUNE_EVERY = Duration.ofHours(1);

  @Override
  public Future<Void> start() {
    return catalog.loadIndex();
  }

  /** Old changes of the shared log go, on one node of the cluster (the scheduler logs failures). */
  @Override
  public List<Job> jobs() {
    return List.of(
        Job.oncePerCluster(
            "prune old catalog changes",
            PRUNE_EVERY,
            () ->
                catalog
                    .pruneChanges()
                    .onSuccess(n -> LOG.debug("Pruned {} old catalog changes", n))));
  }

  @Override
  public Future<Void> stop() {
    return catalog.stopFollowing();
  }

  @Override
  public void routes(ApiRoutes routes) {
    CatalogHandler handler =
        new CatalogHandler(routes.vertx(), catalog, metrics, clock, maxBodyBytes);
    routes.admin(HttpMethod.POST, "/items").handler(handler::upsert);
    routes.admin(HttpMethod.GET, "/items").handler(handler::list);
    routes.adminWithBody(HttpMethod.POST, "/items/delete", SMALL_BODY).handler(handler::deleteMany);
    routes.admin(HttpMethod.GET, "/items/:id").handler(handler::get);
    routes.adminWithBody(HttpMethod.PATCH, "/items/:id", SMALL_BODY).handler(handler::patch);
    routes.admin(HttpMethod.DELETE, "/items/:id").handler(handler::delete);
    routes.admin(HttpMethod.POST, "/feeds/yml").handler(handler::importYml);
  }
}
