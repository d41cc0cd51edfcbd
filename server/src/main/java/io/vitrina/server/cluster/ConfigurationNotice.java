package io.vitrina.server.cluster;

import java.util.Optional;

/**
 * What a statement that saves a configuration notifies on {@link #CHANNEL}: which configuration,
 * and which node saved it (so that node, which reloads before it answers, can skip its own). Put
 * {@link #sql(int)} in the saving statement itself, not after it: PostgreSQL delivers the notice
 * when that transaction commits, so whoever is woken reads the save.
 *
 * @param configuration the configuration's name: letters, digits, {@code _} and {@code -}
 * @param node the saving node's id
 */
public record ConfigurationNotice(String configuration, String node) {
  /** The channel of every configuration's notices. */
  public static final String CHANNEL = "vitrina_config";

  public ConfigurationNotice {
    if (!configuration.matches("[A-Za-z0-9_-]+"))
      throw new IllegalArgumentException("configuration name '" + configuration + "'");
  }

  /** The notice's text: {@code "<configuration> <node>"}. */
  public String payload() {
    return configuration + " " + node;
  }

  /** The SQL expression that notifies, its payload given as parameter {@code $param}. */
  public static String sql(int param) {
    return "pg_notify('" + CHANNEL + "', $" + param + ")";
  }

  /** The notice a payload names; empty for one that is not a notice's. */
  public static Optional<ConfigurationNotice> parse(String payload) {
    int space = payload.indexOf(' ');
    if (space <= 0) return Optional.empty();
    try {
      return Optional.of(
          new ConfigurationNotice(payload.substring(0, space), payload.substring(space + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
