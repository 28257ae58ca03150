/**
 * JMH benchmarks of orderly's per-change hot paths: a row's sharding key to its partition
 * ({@link dev.orderly.bench.jmh.KeyHashBenchmark}), a transaction to its records
 * ({@link dev.orderly.bench.jmh.RoutingBenchmark}) and a record to its value and headers
 * ({@link dev.orderly.bench.jmh.FormatBenchmark}). All of them work on {@link dev.orderly.bench.jmh.OrdersTable}.
 * Built only with the Maven profile {@code bench}; {@code bench/jmh/run} builds and runs them.
 */
package dev.orderly.bench.jmh;
