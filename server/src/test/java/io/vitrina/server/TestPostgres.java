package io.vitrina.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for the tests: one embedded server per test JVM (the binaries ship in a jar, so
 * a fresh machine needs nothing installed), and a fresh database for every test server.
 */
public final class TestPostgres {
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** Creates an empty database and returns its URL for {@code --pg-url}. */
  public static String newDatabase() {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    execute("postgres", "CREATE DATABASE " + name);
    return "postgresql://postgres@127.0.0.1:" + server().getPort() + "/" + name;
  }

  /** Runs a statement in the database named by {@code url}. */
  public static void execute(String databaseOrUrl, String sql) {
    try (Connection c = dataSource(databaseOrUrl).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row of {@code sql}, as a long. */
  public static long queryLong(String url, String sql) {
    try (Connection c = dataSource(url).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DataSource dataSource(String databaseOrUrl) {
    String database =
        databaseOrUrl.contains("/")
            ? databaseOrUrl.substring(databaseOrUrl.lastIndexOf('/') + 1)
            : databaseOrUrl;
    return server().getDatabase("postgres", database);
  }
}
