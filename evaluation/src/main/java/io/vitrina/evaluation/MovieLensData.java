package io.vitrina.evaluation;

import io.vitrina.engine.catalog.Item;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MovieLens "latest-small" ({@code ratings.csv}, {@code movies.csv}) read as a store: movies are
 * items (genres are categories, year an attribute), ratings are interactions.
 *
 * <p>The data's terms forbid redistribution, so it never lives in this repository: {@link
 * #locate()} finds it beside the checkout ({@code ../shared/data/movielens-small} from the project
 * root) or where {@value #DIR_SETTING} (system property or environment variable) says.
 */
public record MovieLensData(List<Interaction> interactions, List<Item> items) {
  /** System property or environment variable naming the data folder. */
  public static final String DIR_SETTING = "VITRINA_MOVIELENS_DIR";

  static final String RELATIVE_DIR = "shared/data/movielens-small";
  private static final String NO_GENRES = "(no genres listed)";
  private static final String NA = "NA";

  public MovieLensData {
    interactions = List.copyOf(interactions);
    items = List.copyOf(items);
  }

  /**
   * The data folder: {@value #DIR_SETTING} when set, else the first {@code
   * shared/data/movielens-small} found in the working directory or up to three levels above it
   * (tests run in {@code evaluation/}).
   */
  public static Optional<Path> locate() {
    String configured = System.getProperty(DIR_SETTING, System.getenv(DIR_SETTING));
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured);
      return isDataDir(dir) ? Optional.of(dir) : Optional.empty();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up <= 3 && dir != null; up++, dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE_DIR);
      if (isDataDir(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  /** Where {@link #locate()} looks, for a message that tells a person what to fix. */
  public static String whereLooked() {
    String configured = System.getProperty(DIR_SETTING, System.getenv(DIR_SETTING));
    if (configured != null && !configured.isBlank()) {
      return DIR_SETTING + "=" + configured + " (no ratings.csv and movies.csv there)";
    }
    return RELATIVE_DIR
        + " in "
        + Path.of("").toAbsolutePath()
        + " and up to three folders above it; set "
        + DIR_SETTING
        + " to point elsewhere";
  }

  public static boolean isDataDir(Path dir) {
    return Files.isRegularFile(dir.resolve("ratings.csv"))
        && Files.isRegularFile(dir.resolve("movies.csv"));
  }

  public static MovieLensData load(Path dir) {
    try {
      return new MovieLensData(
          readRatings(dir.resolve("ratings.csv")), readMovies(dir.resolve("movies.csv")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read MovieLens from " + dir, e);
    }
  }

  private static List<Interaction> readRatings(Path file) throws IOException {
    List<Interaction> out = new ArrayList<>(100_100);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.readLine(); // header: userId,movieId,rating,timestamp
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) continue;
        List<String> f = parseCsvLine(line);
        out.add(
            new Interaction(
                f.get(0), f.get(1), Double.parseDouble(f.get(2)), Long.parseLong(f.get(3))));
      }
    }
    return out;
  }

  private static List<Item> readMovies(Path file) throws IOException {
    List<Item> out = new ArrayList<>(10_000);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.readLine(); // header: movieId,title,year,genres
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) continue;
        List<String> f = parseCsvLine(line);
        String id = f.get(0);
        String title = NA.equals(f.get(1)) ? "" : f.get(1);
        Map<String, String> attributes = NA.equals(f.get(2)) ? Map.of() : Map.of("year", f.get(2));
        List<String> genres =
            NO_GENRES.equals(f.get(3)) || NA.equals(f.get(3))
                ? List.of()
                : Arrays.asList(f.get(3).split("\\|"));
        // Every movie is for sale, in stock and at one price: the evaluation is about ranking.
        out.add(
            new Item(
                id,
                title,
                "",
                null,
                null,
                genres,
                null,
                1.0,
                null,
                1,
                true,
                List.of(),
                attributes,
                Instant.EPOCH));
      }
    }
    return out;
  }

  /** Splits one line of RFC 4180 CSV (quoted fields, {@code ""} inside quotes). */
  static List<String> parseCsvLine(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
