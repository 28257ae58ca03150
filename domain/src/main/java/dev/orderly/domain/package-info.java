/**
 * The ordering model of orderly and its rules, in plain Java with no dependency outside the JDK, so
 * that other platforms can embed it. Nothing here knows Kafka, Debezium or any database driver.
 */
package dev.orderly.domain;
