/**
 * JMH benchmarks of Roost's native JDBC store through the Crm API (pages, import, export) against hand-written jOOQ and
 * raw JDBC baselines in the same run, on H2 and PostgreSQL. Results: {@code crm-store-jdbc/BENCHMARKS.md}.
 */
package io.roostcrm.benchmarks.store;
