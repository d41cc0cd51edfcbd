package io.vitrina.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an event acknowledged by one node takes to change an answer of another, for
 * loadtest/cluster.sh: posts one view of a random item by a new visitor to node A, and from the
 * moment A answers 202 asks node B for that visitor's {@code recently_viewed} until the item is
 * there. The items are drawn from A's {@code popular} block, so that each is in stock (a shopper's
 * lists leave out what cannot be bought). Prints one line: {@code events p50 p90 p99 max timeouts},
 * times in milliseconds.
 *
 * <p>Arguments: node A's base URL, node B's base URL, site key, events.
 */
public final class PeerDelay {
  private static final Duration GIVE_UP = Duration.ofSeconds(5);

  private PeerDelay() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: PeerDelay <node A url> <node B url> <site key> <events>");
      System.exit(2);
    }
    String from = args[0];
    String to = args[1];
    String siteKey = args[2];
    int events = Integer.parseInt(args[3]);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<String> items = inStock(http, from, siteKey);
    Random random = new Random();
    String run = Long.toString(System.currentTimeMillis(), 36);
    double[] millis = new double[events];
    int measured = 0;
    int timeouts = 0;
    for (int i = 0; i < events; i++) {
      String visitor = "peer-delay-" + run + "-" + i;
      String item = items.get(random.nextInt(items.size()));
      String body =
          "{\"name\":\"view_item\",\"visitor_id\":\"%s\",\"items\":[{\"item_id\":\"%s\"}]}"
              .formatted(visitor, item);
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(URI.create(from + "/v1/events"))
                  .header("X-Site-Key", siteKey)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (posted.statusCode() != 202)
        throw new IllegalStateException(
            "node A answered " + posted.statusCode() + ": " + posted.body());
      long acknowledged = System.nanoTime();
      HttpRequest ask =
          HttpRequest.newBuilder(
                  URI.create(to + "/v1/recommendations/recently_viewed?limit=1&visitor=" + visitor))
              .header("X-Site-Key", siteKey)
              .GET()
              .build();
      boolean seen = false;
      while (System.nanoTime() - acknowledged < GIVE_UP.toNanos()) {
        if (sees(http, ask, item)) {
          seen = true;
          break;
        }
      }
      if (seen) millis[measured++] = (System.nanoTime() - acknowledged) / 1e6;
      else timeouts++;
    }
    double[] sorted = Arrays.copyOf(millis, measured);
    Arrays.sort(sorted);
    System.out.printf(
        "%d %.1f %.1f %.1f %.1f %d%n",
        measured,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        measured == 0 ? 0 : sorted[measured - 1],
        timeouts);
  }

  private static List<String> inStock(HttpClient http, String node, String siteKey)
      throws IOException, InterruptedException {
    HttpResponse<String> popular =
        http.send(
            HttpRequest.newBuilder(URI.create(node + "/v1/recommendations/popular?limit=100"))
                .header("X-Site-Key", siteKey)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<String> ids = new ArrayList<>();
    Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(popular.body());
    while (id.find()) ids.add(id.group(1));
    if (ids.isEmpty()) throw new IllegalStateException("no popular items on " + node);
    return ids;
  }

  private static boolean sees(HttpClient http, HttpRequest ask, String item)
      throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(ask, HttpResponse.BodyHandlers.ofString());
    return answer.statusCode() == 200 && answer.body().contains("\"" + item + "\"");
  }

  private static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) return 0;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
