package io.vitrina.server.experiments;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.engine.experiment.ArmTotals;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.Experiments;
import io.vitrina.engine.experiment.GlobalHoldout;
import io.vitrina.engine.experiment.OutcomeBook;
import io.vitrina.engine.experiment.Phase;
import io.vitrina.engine.experiment.Placement;
import io.vitrina.engine.experiment.Status;
import io.vitrina.engine.stats.TwoSidedTest;
import io.vitrina.server.cluster.LiveConfiguration;
import io.vitrina.server.cluster.LiveConfigurations;
import io.vitrina.server.events.EventHistory;
import io.vitrina.server.events.EventIntake;
import io.vitrina.server.experiments.ExperimentStore.Outcome;
import io.vitrina.server.experiments.ExperimentStore.Stored;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.Problem;
import io.vitrina.server.input.QueryParams;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A/B experiments: the admin API under {@code /v1/admin/experiments} (create, edit, start, pause,
 * stop, list), and the experiments live on every node ({@link LiveConfiguration}), which the
 * placements read through {@link #experiments()}.
 */
public final class ExperimentsCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentsCapability.class);
  private static final long MAX_BODY_BYTES = 256 * 1024;

  /** How often the counting reads the event log: reports lag events by about this much. */
  static final Duration COUNT_EVERY = Duration.ofSeconds(1);

  /** How often the arms' totals are kept for the lift over time. */
  static final Duration SNAPSHOT_EVERY = Duration.ofMinutes(15);

  private static final java.util.regex.Pattern METHOD =
      java.util.regex.Pattern.compile("sequential|fixed");

  /**
   * The experiments' settings, with their defaults.
   *
   * @param globalHoldout the share of shoppers whom nothing personalizes ({@link GlobalHoldout}),
   *     in [0, 1); 0 pauses it
   */
  public record Settings(double globalHoldout) {
    public static final Settings DEFAULTS = new Settings(GlobalHoldout.DEFAULT_SHARE);

    public Settings {
      if (!(globalHoldout >= 0 && globalHoldout < 1))
        throw new IllegalArgumentException(
            "--experiments-global-holdout must be at least 0 and below 1, was " + globalHoldout);
    }
  }

  /** What every node holds: each experiment with its version, and the running one by placement. */
  record Snapshot(Map<String, Stored> byId, Map<Placement, Experiment> running) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

    static Snapshot of(Map<String, Stored> byId) {
      Map<Placement, Experiment> running = new HashMap<>();
      for (Stored s : byId.values())
        if (s.experiment().status() == Status.RUNNING)
          running.put(s.experiment().placement(), s.experiment());
      return new Snapshot(byId, Map.copyOf(running));
    }
  }

  private final ExperimentStore store;
  private final LiveConfiguration<Snapshot> live;
  private final AlgorithmCatalog algorithms;
  private final Predicate<Placement> exists;
  private final Clock clock;
  private final Exposures exposures;
  private final ExperimentCounts counts;
  private final ExperimentReports reports;
  private final Settings settings;

  /**
   * @param exists whether a placement names what is there (a saved block, a trigger kind): an
   *     experiment's placement must
   * @param intake where exposures are written, into the event log
   * @param history the event log the counting reads
   * @param tokens checks the tokens events bring back (an exposure's names its arm)
   */
  public ExperimentsCapability(
      Pool pool,
      LiveConfigurations configurations,
      AlgorithmCatalog algorithms,
      Predicate<Placement> exists,
      EventIntake intake,
      EventHistory history,
      TokenSigner tokens,
      Clock clock,
      Settings settings) {
    this.store = new ExperimentStore(pool, configurations.notice(ExperimentStore.CONFIGURATION));
    this.live =
        configurations.of(
            ExperimentStore.CONFIGURATION, () -> store.byId().map(Snapshot::of), Snapshot.EMPTY);
    this.algorithms = algorithms;
    this.exists = exists;
    this.clock = clock;
    this.exposures = new Exposures(intake, tokens, clock);
    this.counts = new ExperimentCounts(pool, history, tokens, store);
    this.reports = new ExperimentReports(counts);
    this.settings = settings;
  }

  /** The experiments this node serves now. */
  public Experiments experiments() {
    return new Experiments() {
      @Override
      public Optional<Experiment> runningOn(Placement placement) {
        return Optional.ofNullable(live.current().running().get(placement));
      }

      @Override
      public void exposed(Exposure exposure) {
        exposures.exposed(exposure);
      }
    };
  }

  /**
   * Forgets which erased shoppers this node told of their exposure (privacy's erasure calls it on
   * every node; their stored state is deleted by the erasure itself).
   */
  public void forgetShoppers(java.util.function.Predicate<String> erasedKey) {
    exposures.forget(erasedKey);
  }

  @Override
  public Future<Void> start() {
    return live.reload()
        .compose(x -> holdOutGlobally())
        .onSuccess(x -> LOG.info("Experiments loaded: {}", live.current().byId().size()));
  }

  /**
   * The global holdout as the setting has it. Two nodes starting at once may both try: one write
   * wins, the other finds it done (or changed) and takes what is stored.
   */
  private Future<Void> holdOutGlobally() {
    Optional<Stored> stored = Optional.ofNullable(live.current().byId().get(GlobalHoldout.ID));
    Experiment next =
        GlobalHoldout.reconciled(
                stored.map(Stored::experiment), settings.globalHoldout(), clock.instant())
            .orElse(null);
    if (next == null) return Future.succeededFuture();
    LOG.info(
        "Global holdout: {} of the shoppers, {}",
        settings.globalHoldout(),
        next.status().wireName());
    Future<?> written =
        stored.isEmpty() ? store.create(next) : store.replace(stored.get().version(), next);
    return written.compose(x -> live.reload()).mapEmpty();
  }

  @Override
  public List<Job> jobs() {
    return List.of(
        live.poll(),
        Job.oncePerCluster("count experiment events", COUNT_EVERY, () -> counts.run().mapEmpty()),
        Job.oncePerCluster(
                "snapshot experiment totals", SNAPSHOT_EVERY, () -> counts.snapshot().mapEmpty())
            // A first point a minute after start, so that a new experiment's plot begins early.
            .startingAfter(Duration.ofMinutes(1)));
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.admin(HttpMethod.GET, "/experiments").handler(this::list);
    routes.adminWithBody(HttpMethod.POST, "/experiments", MAX_BODY_BYTES).handler(this::create);
    routes.admin(HttpMethod.GET, "/experiments/:id").handler(this::get);
    routes.admin(HttpMethod.GET, "/experiments/:id/report").handler(this::report);
    routes.adminWithBody(HttpMethod.PUT, "/experiments/:id", MAX_BODY_BYTES).handler(this::edit);
    routes
        .admin(HttpMethod.POST, "/experiments/:id/start")
        .handler(ctx -> change(ctx, this::start));
    routes
        .admin(HttpMethod.POST, "/experiments/:id/pause")
        .handler(ctx -> change(ctx, Experiment::paused));
    routes
        .admin(HttpMethod.POST, "/experiments/:id/stop")
        .handler(ctx -> change(ctx, Experiment::stopped));
  }

  private void list(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    live.current().byId().values().forEach(s -> all.add(ExperimentJson.toJson(s.experiment())));
    JsonResponse.send(ctx, 200, new JsonObject().put("experiments", all));
  }

  /**
   * {@code GET /v1/admin/experiments/{id}/report}: the phase's report ({@code phase}, the current
   * one by default), from the arms' totals; {@code method=fixed} for fixed-horizon intervals
   * instead of the sequential ones that stay valid however often the report is read.
   */
  private void report(RoutingContext ctx) {
    Experiment experiment = find(ctx.pathParam("id")).experiment();
    QueryParams params = QueryParams.of(ctx);
    String method = params.matching("method", METHOD, "sequential or fixed");
    Integer phaseNumber = params.integer("phase", 1, Integer.MAX_VALUE);
    Double cap = params.number("cap");
    if (cap != null && !(cap > 0 && cap <= 1))
      params.problem("cap", "must be a percentile in (0, 1], such as 0.99; was " + cap);
    params.finish();
    TwoSidedTest test =
        "fixed".equals(method) ? TwoSidedTest.fixedHorizon() : TwoSidedTest.sequential();
    Phase phase =
        phaseNumber == null
            ? experiment.currentPhase().orElse(null)
            : experiment.phases().stream()
                .filter(p -> p.number() == phaseNumber)
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("phase", "no phase " + phaseNumber));
    if (phase == null)
      throw new ApiException(409, "experiment_not_started", "a draft has no report yet");
    reports
        .report(experiment, phase, test, clock.instant(), cap)
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else JsonResponse.send(ctx, 200, result.result());
            });
  }

  /**
   * Each arm's totals recomputed from the raw events up to where the counting is: what the online
   * totals must equal (an audit; tests check it).
   */
  public Future<Map<OutcomeBook.ArmKey, ArmTotals>> recompute(String id) {
    return counts.recompute(find(id).experiment());
  }

  /** Each arm's totals as counted online. */
  public Future<Map<OutcomeBook.ArmKey, ArmTotals>> totals(String id) {
    return counts.totals(id);
  }

  /** Keeps the arms' totals now for the lift over time (the job does it every 15 minutes). */
  public Future<Integer> snapshotNow() {
    return counts.snapshot();
  }

  private void get(RoutingContext ctx) {
    JsonResponse.send(ctx, 200, ExperimentJson.toJson(find(ctx.pathParam("id")).experiment()));
  }

  /**
   * {@code POST /v1/admin/experiments}: a draft, 201; 400 lists every fault; 409 if the id is
   * taken.
   */
  private void create(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    Object id = body.getValue("id");
    if (!(id instanceof String name) || !Experiment.validId(name))
      throw new InvalidInputException("id", "is required: 1-64 lower-case letters, digits, _ or -");
    if (name.equals(GlobalHoldout.ID))
      throw new InvalidInputException("id", "'" + name + "' is the global holdout's");
    Experiment draft = ExperimentJson.parse(name, body, algorithms, exists);
    store
        .create(draft)
        .compose(live::servedAfterChange)
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (result.result() == Outcome.EXISTS)
                ctx.fail(
                    new ApiException(
                        409, "experiment_exists", "an experiment '" + name + "' exists already"));
              else JsonResponse.send(ctx, 201, ExperimentJson.toJson(draft));
            });
  }

  /**
   * {@code PUT /v1/admin/experiments/{id}}: a draft takes any edit; a started one only new weights,
   * share or goals (a new phase when weights or share change).
   */
  private void edit(RoutingContext ctx) {
    Stored stored = changeable(ctx.pathParam("id"));
    Experiment edit =
        ExperimentJson.parse(stored.experiment().id(), JsonBody.of(ctx), algorithms, exists);
    Experiment.Edit result = stored.experiment().edited(edit, clock.instant());
    if (!result.refused().isEmpty())
      throw new InvalidInputException(
          result.refused().stream().map(p -> new Problem(-1, p.field(), p.message())).toList());
    write(ctx, stored, result.experiment());
  }

  private Experiment start(Experiment experiment) {
    return experiment.started(clock.instant());
  }

  /** A lifecycle step; 409 when the experiment's status does not allow it. */
  private void change(RoutingContext ctx, Function<Experiment, Experiment> step) {
    Stored stored = changeable(ctx.pathParam("id"));
    Experiment next;
    try {
      next = step.apply(stored.experiment());
    } catch (IllegalStateException e) {
      throw new ApiException(409, "experiment_status", e.getMessage());
    }
    write(ctx, stored, next);
  }

  private void write(RoutingContext ctx, Stored stored, Experiment next) {
    store
        .replace(stored.version(), next)
        .compose(live::servedAfterChange)
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else
                switch (result.result()) {
                  case DONE -> JsonResponse.send(ctx, 200, ExperimentJson.toJson(next));
                  case PLACEMENT_TAKEN ->
                      ctx.fail(
                          new ApiException(
                              409,
                              "placement_taken",
                              "another experiment runs on "
                                  + next.placement()
                                  + "; stop it first"));
                  default ->
                      ctx.fail(
                          new ApiException(
                              409,
                              "experiment_changed",
                              "the experiment changed meanwhile; read it again and retry"));
                }
            });
  }

  /**
   * An experiment the admin API may change: any but the global holdout, the setting's to change.
   */
  private Stored changeable(String id) {
    Stored stored = find(id);
    if (stored.experiment().placement().kind() == Placement.Kind.EVERYWHERE)
      throw new ApiException(
          409,
          "global_holdout_configured",
          "the global holdout follows the service's --experiments-global-holdout setting"
              + " (VITRINA_EXPERIMENTS_GLOBAL_HOLDOUT); change that and restart");
    return stored;
  }

  private Stored find(String id) {
    Stored stored = live.current().byId().get(id);
    if (stored == null)
      throw new ApiException(404, "experiment_not_found", "no experiment '" + id + "'");
    return stored;
  }
}
