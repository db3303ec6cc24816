package dev.syndic.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Prometheus text exposition of every meter: the pipeline's, the JVM's, HTTP server's, the pool's.
 * Public. Off the event loop: the source gauges ({@code PollingBacklog}) may ask the database.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class MetricsController {

  private final PrometheusMeterRegistry registry;

  MetricsController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics in the Prometheus text format (scrape this). */
  @Get(value = "/metrics", produces = "text/plain; version=0.0.4; charset=utf-8")
  HttpResponse<String> metrics() {
    return HttpResponse.ok(registry.scrape());
  }
}
