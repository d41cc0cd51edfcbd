package io.vitrina.server.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters, gauges and latency histograms, written in the Prometheus text format.
 *
 * <p>Latencies go to an HdrHistogram {@link Recorder} per route and status class: recording is
 * wait-free on the request path, and a scrape swaps the interval histogram out and adds it to a
 * cumulative one, so quantiles cover the service's whole life (like a Prometheus summary without a
 * window) at microsecond resolution up to a minute.
 */
public final class Metrics {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

  private final ConcurrentHashMap<String, RouteLatency> latencies = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, String> help = new ConcurrentHashMap<>();

  private static final class RouteLatency {
    final Recorder recorder = new Recorder(MAX_MICROS, 3);
    final Histogram total = new Histogram(MAX_MICROS, 3);
    final LongAdder sumMicros = new LongAdder();
    Histogram interval;

    synchronized Histogram snapshot() {
      interval = recorder.getIntervalHistogram(interval);
      total.add(interval);
      return total.copy();
    }
  }

  /** Records one HTTP request: {@code route} is the route pattern, never the raw path. */
  public void recordRequest(String method, String route, int status, long nanos) {
    String key = method + " " + route + " " + (status / 100) + "xx";
    RouteLatency latency = latencies.computeIfAbsent(key, k -> new RouteLatency());
    long micros = Math.min(Math.max(1, nanos / 1_000), MAX_MICROS);
    latency.recorder.recordValue(micros);
    latency.sumMicros.add(micros);
  }

  public void increment(String name, long by) {
    counters.computeIfAbsent(name, n -> new LongAdder()).add(by);
  }

  /**
   * Adds to the series of counter {@code name} with one label, e.g. {@code
   * vitrina_events_accepted_total{name="purchase"}}. {@code value} must come from a bounded set (an
   * enum, known field names), never from what a client sent.
   */
  public void increment(String name, String label, String value, long by) {
    if (by == 0) return;
    increment(name + "{" + label + "=\"" + escape(value) + "\"}", by);
  }

  /**
   * Counter {@code name} with one label, described by {@code text}, for the request path: a series
   * is found by its label value without building its name (no allocation once the value was seen).
   * The values must come from a bounded set, as for {@link #increment(String, String, String,
   * long)}.
   */
  public Counter counter(String name, String label, String text) {
    describe(name, text);
    return new Counter(name, label);
  }

  /** The series of one labelled counter, each a {@link LongAdder} kept by label value. */
  public final class Counter {
    private final String name;
    private final String label;
    private final ConcurrentHashMap<String, LongAdder> byValue = new ConcurrentHashMap<>();

    private Counter(String name, String label) {
      this.name = name;
      this.label = label;
    }

    public void add(String value, long by) {
      if (by == 0) return;
      LongAdder adder = byValue.get(value);
      if (adder == null)
        adder =
            byValue.computeIfAbsent(
                value,
                v ->
                    counters.computeIfAbsent(
                        name + "{" + label + "=\"" + escape(v) + "\"}", k -> new LongAdder()));
      adder.add(by);
    }
  }

  /** As {@link #increment(String, String, String, long)}, with two labels. */
  public void increment(
      String name, String label, String value, String label2, String value2, long by) {
    if (by == 0) return;
    increment(
        name
            + "{"
            + label
            + "=\""
            + escape(value)
            + "\","
            + label2
            + "=\""
            + escape(value2)
            + "\"}",
        by);
  }

  public void describe(String name, String text) {
    help.put(name, text);
  }

  public void gauge(String name, String text, DoubleSupplier value) {
    gauges.put(name, value);
    help.put(name, text);
  }

  /**
   * A series of gauge {@code name} with one label, e.g. {@code
   * vitrina_job_last_run_seconds{job="model build"}}; the value comes from a bounded set.
   */
  public void gauge(String name, String label, String value, String text, DoubleSupplier supplier) {
    gauges.put(name + "{" + label + "=\"" + escape(value) + "\"}", supplier);
    help.put(name, text);
  }

  /** The whole exposition, for {@code GET /metrics}. */
  public String scrape() {
    StringBuilder out = new StringBuilder(4096);
    writeLatencies(out);
    String[] family = {null};
    new TreeMap<>(counters)
        .forEach(
            (series, adder) -> {
              family[0] = headerOnce(out, series, family[0], "counter");
              out.append(series).append(' ').append(adder.sum()).append('\n');
            });
    writeJvm(out);
    family[0] = null;
    new TreeMap<>(gauges)
        .forEach(
            (series, supplier) -> {
              family[0] = headerOnce(out, series, family[0], "gauge");
              out.append(series).append(' ').append(format(supplier.getAsDouble())).append('\n');
            });
    return out.toString();
  }

  /**
   * The series of one labelled family sort together; its header comes once, before the first.
   * Returns the family of {@code series}.
   */
  private String headerOnce(StringBuilder out, String series, String previous, String type) {
    int brace = series.indexOf('{');
    String name = brace < 0 ? series : series.substring(0, brace);
    if (!name.equals(previous)) header(out, name, type);
    return name;
  }

  private void writeLatencies(StringBuilder out) {
    String name = "vitrina_http_request_duration_seconds";
    out.append("# HELP ")
        .append(name)
        .append(" HTTP request latency by route, recorded in HdrHistogram\n");
    out.append("# TYPE ").append(name).append(" summary\n");
    new TreeMap<>(latencies)
        .forEach(
            (key, latency) -> {
              String[] parts = key.split(" ", 3);
              String labels =
                  "method=\""
                      + parts[0]
                      + "\",route=\""
                      + escape(parts[1])
                      + "\",status=\""
                      + parts[2]
                      + "\"";
              Histogram h = latency.snapshot();
              for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
                out.append(name)
                    .append('{')
                    .append(labels)
                    .append(",quantile=\"")
                    .append(q)
                    .append("\"} ")
                    .append(format(h.getValueAtPercentile(q * 100) / 1e6))
                    .append('\n');
              }
              out.append(name)
                  .append("_max{")
                  .append(labels)
                  .append("} ")
                  .append(format(h.getMaxValue() / 1e6))
                  .append('\n');
              out.append(name)
                  .append("_sum{")
                  .append(labels)
                  .append("} ")
                  .append(format(latency.sumMicros.sum() / 1e6))
                  .append('\n');
              out.append(name)
                  .append("_count{")
                  .append(labels)
                  .append("} ")
                  .append(h.getTotalCount())
                  .append('\n');
            });
  }

  private void writeJvm(StringBuilder out) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    header(out, "vitrina_jvm_heap_used_bytes", "gauge");
    out.append("vitrina_jvm_heap_used_bytes ")
        .append(memory.getHeapMemoryUsage().getUsed())
        .append('\n');
    header(out, "vitrina_jvm_heap_max_bytes", "gauge");
    out.append("vitrina_jvm_heap_max_bytes ")
        .append(memory.getHeapMemoryUsage().getMax())
        .append('\n');
  }

  private void header(StringBuilder out, String name, String type) {
    String text = help.get(name);
    if (text != null) out.append("# HELP ").append(name).append(' ').append(text).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
