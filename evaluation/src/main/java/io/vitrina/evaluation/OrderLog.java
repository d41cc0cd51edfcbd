package io.vitrina.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A store's order log, the shape every shop can export: one line per order line, with the order's
 * id, the customer, the item, the quantity, the unit price and the order's time. Lines are kept
 * oldest first.
 *
 * <p>The CSV has a header naming its columns in any order: {@code order_id}, {@code customer_id}
 * (or {@code customer}), {@code item_id} (or {@code item}), {@code quantity}, {@code price} and
 * {@code time} (or {@code timestamp}, {@code created_at}); a time is an ISO-8601 instant ({@code
 * 2026-03-01T10:15:00Z}), a local date-time read as UTC ({@code 2026-03-01 10:15:00}), a date, or
 * Unix seconds. A line returning goods (quantity of 0 or less) is left out: the log is read net of
 * returns.
 */
public record OrderLog(List<Line> lines, int returnsLeftOut) {
  /** One line of an order. */
  public record Line(
      String orderId, String customer, String itemId, int quantity, double price, Instant at) {}

  public OrderLog {
    lines = lines.stream().sorted(Comparator.comparing(Line::at)).toList();
  }

  private static final Map<String, String> COLUMNS =
      Map.ofEntries(
          Map.entry("order_id", "order_id"),
          Map.entry("customer_id", "customer"),
          Map.entry("customer", "customer"),
          Map.entry("item_id", "item"),
          Map.entry("item", "item"),
          Map.entry("quantity", "quantity"),
          Map.entry("price", "price"),
          Map.entry("time", "time"),
          Map.entry("timestamp", "time"),
          Map.entry("created_at", "time"));

  private static final int MAX_PROBLEMS = 20;

  /**
   * Reads the CSV at {@code file}.
   *
   * @throws IllegalArgumentException naming every problem (up to 20) with its line, when the file
   *     is not an order log
   */
  public static OrderLog load(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) throw new IllegalArgumentException(file + " is empty");
      Map<String, Integer> at = columns(MovieLensData.parseCsvLine(strip(header)), file);
      List<Line> lines = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      int returns = 0;
      int number = 1;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        number++;
        if (text.isBlank()) continue;
        Line line = parse(MovieLensData.parseCsvLine(text), at, number, problems);
        if (line == null) continue;
        if (line.quantity() <= 0) returns++;
        else lines.add(line);
      }
      if (!problems.isEmpty())
        throw new IllegalArgumentException(
            file + " is not a readable order log:\n  " + String.join("\n  ", problems));
      return new OrderLog(lines, returns);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String strip(String header) {
    return header.startsWith("\uFEFF") ? header.substring(1) : header;
  }

  private static Map<String, Integer> columns(List<String> header, Path file) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String column = COLUMNS.get(header.get(i).strip().toLowerCase(Locale.ROOT));
      if (column != null) at.putIfAbsent(column, i);
    }
    List<String> missing =
        List.of("order_id", "customer", "item", "quantity", "price", "time").stream()
            .filter(c -> !at.containsKey(c))
            .toList();
    if (!missing.isEmpty())
      throw new IllegalArgumentException(
          file
              + ": the header lacks "
              + String.join(", ", missing)
              + " (columns: order_id, customer_id, item_id, quantity, price, time); it has "
              + header);
    return at;
  }

  private static Line parse(
      List<String> fields, Map<String, Integer> at, int number, List<String> problems) {
    int before = problems.size();
    String order = field(fields, at, "order_id", number, problems);
    String customer = field(fields, at, "customer", number, problems);
    String item = field(fields, at, "item", number, problems);
    String quantityText = field(fields, at, "quantity", number, problems);
    String priceText = field(fields, at, "price", number, problems);
    String timeText = field(fields, at, "time", number, problems);
    int quantity = 0;
    double price = 0;
    Instant time = null;
    if (quantityText != null)
      try {
        quantity = (int) Math.round(Double.parseDouble(quantityText));
      } catch (NumberFormatException e) {
        problem(problems, number, "quantity", "is not a number: " + quantityText);
      }
    if (priceText != null)
      try {
        price = Double.parseDouble(priceText);
        if (!(price >= 0)) problem(problems, number, "price", "is negative: " + priceText);
      } catch (NumberFormatException e) {
        problem(problems, number, "price", "is not a number: " + priceText);
      }
    if (timeText != null) {
      time = time(timeText);
      if (time == null)
        problem(
            problems,
            number,
            "time",
            "is not an ISO-8601 time, a date or Unix seconds: " + timeText);
    }
    return problems.size() > before ? null : new Line(order, customer, item, quantity, price, time);
  }

  private static String field(
      List<String> fields, Map<String, Integer> at, String column, int number, List<String> out) {
    int index = at.get(column);
    String value = index < fields.size() ? fields.get(index).strip() : "";
    if (value.isEmpty()) {
      problem(out, number, column, "is empty");
      return null;
    }
    return value;
  }

  private static void problem(List<String> out, int number, String column, String what) {
    if (out.size() < MAX_PROBLEMS) out.add("line " + number + ", " + column + ": " + what);
    else if (out.size() == MAX_PROBLEMS) out.add("… and more");
  }

  /** The time as an instant, or null when it is none of the accepted forms. */
  static Instant time(String text) {
    try {
      if (text.chars().allMatch(Character::isDigit))
        return Instant.ofEpochSecond(Long.parseLong(text));
      if (text.length() == 10)
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$"))
        return java.time.OffsetDateTime.parse(text).toInstant();
      return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  /** Writes the log as CSV with the standard header (what {@link #load} reads back). */
  public void write(Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("order_id,customer_id,item_id,quantity,price,time\n");
      for (Line l : lines)
        out.write(
            String.format(
                Locale.ROOT,
                "%s,%s,%s,%d,%.2f,%s%n",
                l.orderId(),
                l.customer(),
                l.itemId(),
                l.quantity(),
                l.price(),
                l.at()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
