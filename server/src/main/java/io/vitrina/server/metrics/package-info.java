/** Counters, gauges and HdrHistogram latencies in the Prometheus text format. */
package io.vitrina.server.metrics;
