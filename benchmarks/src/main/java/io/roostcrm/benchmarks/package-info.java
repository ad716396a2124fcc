/**
 * JMH benchmarks, built only with {@code -Pbenchmarks}: the permission engine against jCasbin and a raw bit test
 * ({@code PermissionBenchmark}), and the JDBC store against hand-written jOOQ and raw JDBC ({@code store}).
 */
package io.roostcrm.benchmarks;
