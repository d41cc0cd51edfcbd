package io.vitrina.server.operations;

import io.vitrina.server.metrics.Metrics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleToIntFunction;
import java.util.function.IntSupplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sheds shopper profiles, the least recently seen first, when the heap runs short, rather than let
 * the service run out of memory: when a collection leaves the old generation above {@link
 * #THRESHOLD} of its maximum (a {@link MemoryPoolMXBean} collection-usage threshold, so garbage
 * that a collection frees does not count), it evicts {@link #SHARE} of the profiles, logs it and
 * counts it in {@code vitrina_profiles_shed_total}. The eviction runs on a thread of its own, one
 * at a time. Profiles are derived state: a shed shopper starts afresh, and their events stay in
 * PostgreSQL for the models.
 */
public final class MemoryGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);

  /** Share of the old generation's maximum that, left after a collection, sheds profiles. */
  public static final double THRESHOLD = 0.85;

  /** Share of the old generation's maximum that, left after shedding, makes the service unready. */
  static final double NOT_READY = 0.95;

  /** Share of the profiles one shedding evicts. */
  public static final double SHARE = 0.25;

  /**
   * Profiles are shed only while they take at least this share of the old generation (at {@link
   * ProfileBudget#MEASURED_BYTES_PER_PROFILE}): below it, something else fills the heap (a model
   * build over more events than it holds), and shedding every shopper would not save it.
   */
  static final double SIGNIFICANT = 0.10;

  /** At most one "nothing shed" warning per this many milliseconds. */
  private static final long QUIET_MILLIS = 60_000;

  private final MemoryPoolMXBean oldGen;
  private final DoubleToIntFunction shed;
  private final IntSupplier profiles;
  private final Metrics metrics;
  private final AtomicBoolean shedding = new AtomicBoolean();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable ->
              Thread.ofPlatform().daemon().name("vitrina-memory-guard").unstarted(runnable));
  private final NotificationListener listener = this::onNotification;
  private volatile long lastDeclined;

  /**
   * @param shed evicts the least recently seen share of the profiles; returns how many went
   * @param profiles how many profiles are kept
   */
  public MemoryGuard(DoubleToIntFunction shed, IntSupplier profiles, Metrics metrics) {
    this.oldGen = oldGeneration().orElse(null);
    this.shed = shed;
    this.profiles = profiles;
    this.metrics = metrics;
    metrics.describe(
        "vitrina_profiles_shed_total",
        "shopper profiles evicted because the heap ran short (the least recently seen first)");
    metrics.describe(
        "vitrina_memory_pressure_total", "collections that left the old generation above 85%");
  }

  /** Arms the threshold; without a pool that supports one (an unusual collector) it only warns. */
  public MemoryGuard start() {
    if (oldGen == null) {
      LOG.warn("No heap pool supports a collection usage threshold: profiles are not shed");
      return this;
    }
    oldGen.setCollectionUsageThreshold((long) (maxOf(oldGen) * THRESHOLD));
    emitter().addNotificationListener(listener, null, null);
    LOG.info(
        "Memory guard on {}: profiles are shed when a collection leaves it above {}% of {} MB",
        oldGen.getName(), Math.round(THRESHOLD * 100), maxOf(oldGen) >> 20);
    return this;
  }

  /**
   * The heap pool collections move long-lived objects into: the old generation of G1, Parallel,
   * Serial or generational ZGC ("G1 Old Gen", "PS Old Gen", "Tenured Gen", "ZGC Old Generation"),
   * else the largest heap pool that supports a collection usage threshold.
   */
  static Optional<MemoryPoolMXBean> oldGeneration() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .filter(MemoryPoolMXBean::isCollectionUsageThresholdSupported)
        .max(
            Comparator.comparing((MemoryPoolMXBean pool) -> isOldGeneration(pool.getName()))
                .thenComparingLong(MemoryGuard::maxOf));
  }

  private static boolean isOldGeneration(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("old") || lower.contains("tenured");
  }

  private static long maxOf(MemoryPoolMXBean pool) {
    long max = pool.getUsage().getMax();
    return max > 0 ? max : Runtime.getRuntime().maxMemory();
  }

  private void onNotification(Notification notification, Object handback) {
    if (!MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType()))
      return;
    metrics.increment("vitrina_memory_pressure_total", 1);
    if (!shedding.compareAndSet(false, true)) return;
    worker.execute(
        () -> {
          try {
            shedNow();
          } finally {
            shedding.set(false);
          }
        });
  }

  private void shedNow() {
    MemoryUsage before = oldGen.getCollectionUsage();
    long profileBytes = profiles.getAsInt() * ProfileBudget.MEASURED_BYTES_PER_PROFILE;
    if (profileBytes < maxOf(oldGen) * SIGNIFICANT) {
      long now = System.currentTimeMillis();
      if (now - lastDeclined < QUIET_MILLIS) return;
      lastDeclined = now;
      LOG.warn(
          "The heap ran short ({} of {} MB in use after a collection), but shopper profiles (~{} MB)"
              + " are not what fills it: none shed. Give the service more heap (VITRINA_HEAP)",
          before.getUsed() >> 20,
          maxOf(oldGen) >> 20,
          profileBytes >> 20);
      return;
    }
    int evicted = shed.applyAsInt(SHARE);
    metrics.increment("vitrina_profiles_shed_total", evicted);
    LOG.warn(
        "The heap ran short ({} of {} MB in use after a collection): evicted {} shopper profiles,"
            + " the least recently seen; {} remain. Give the service more heap (VITRINA_HEAP) or"
            + " lower --max-profiles",
        before.getUsed() >> 20,
        maxOf(oldGen) >> 20,
        evicted,
        profiles.getAsInt());
  }

  /**
   * Why the service should not take traffic: the last collection left the heap nearly full even
   * though profiles were shed; empty otherwise.
   */
  public Optional<String> problem() {
    if (oldGen == null) return Optional.empty();
    MemoryUsage after = oldGen.getCollectionUsage();
    if (after == null || after.getUsed() < maxOf(oldGen) * NOT_READY) return Optional.empty();
    return Optional.of(
        String.format(
            Locale.ROOT,
            "the heap is nearly full after collections (%d of %d MB)",
            after.getUsed() >> 20,
            maxOf(oldGen) >> 20));
  }

  private static NotificationEmitter emitter() {
    return (NotificationEmitter) ManagementFactory.getMemoryMXBean();
  }

  @Override
  public void close() {
    if (oldGen != null) {
      try {
        emitter().removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // never started
      }
    }
    worker.shutdownNow();
  }
}
