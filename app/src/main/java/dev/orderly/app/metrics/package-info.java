/**
 * Metrics (Micrometer: Prometheus over HTTP and JMX), the health and readiness endpoints and the
 * figures behind the console progress line, fed by the pipeline's {@link dev.orderly.app.pipeline.PipelineObserver}.
 */
package dev.orderly.app.metrics;
