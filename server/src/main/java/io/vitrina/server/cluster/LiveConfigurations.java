package io.vitrina.server.cluster;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's live configurations: each reloaded when another node's save of it commits (its {@link
 * ConfigurationNotice} on {@link ConfigurationNotice#CHANNEL}), when the listening session
 * (re)subscribes (it may have missed notices), and on its {@link LiveConfiguration#poll()}.
 */
public final class LiveConfigurations {
  private static final Logger LOG = LoggerFactory.getLogger(LiveConfigurations.class);

  private final Node node;
  private final Map<String, LiveConfiguration<?>> all = new ConcurrentHashMap<>();

  public LiveConfigurations(Node node, Wakeups wakeups) {
    this.node = node;
    wakeups.on(ConfigurationNotice.CHANNEL, this::noticed);
  }

  /** What this node's statements saving configuration {@code name} notify. */
  public ConfigurationNotice notice(String name) {
    return new ConfigurationNotice(name, node.id());
  }

  /**
   * The configuration {@code name}, {@code empty} until its first reload; {@code read} reads all of
   * it from PostgreSQL into an immutable snapshot. One per name.
   */
  public <T> LiveConfiguration<T> of(String name, Supplier<Future<T>> read, T empty) {
    LiveConfiguration<T> configuration = new LiveConfiguration<>(notice(name), read, empty);
    if (all.putIfAbsent(name, configuration) != null)
      throw new IllegalStateException("configuration '" + name + "' is already live");
    return configuration;
  }

  private void noticed(String payload) {
    if (payload == null) {
      all.values().forEach(this::reload);
      return;
    }
    ConfigurationNotice notice = ConfigurationNotice.parse(payload).orElse(null);
    if (notice == null || notice.node().equals(node.id())) return;
    LiveConfiguration<?> configuration = all.get(notice.configuration());
    if (configuration != null) reload(configuration);
  }

  private void reload(LiveConfiguration<?> configuration) {
    configuration
        .reload()
        .onFailure(
            e ->
                LOG.warn(
                    "Reloading {} after a notice failed ({}); the poll will",
                    configuration.name(),
                    e.getMessage()));
  }
}
