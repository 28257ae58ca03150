package dev.orderly.domain.ordering;

import java.util.Arrays;
import java.util.Optional;

/** What a key-based rule does with a table that has no configured columns, no primary key and no usable unique key. */
public enum NoKeyPolicy {
    /** Refuse to start and name the table and the fix (the default). */
    FAIL("fail"),
    /** Shard by the table name: all the table's changes go to one partition, in order. */
    TABLE("table"),
    /** Send all the table's changes to partition 0. */
    PARTITION_ZERO("partition-0");

    private final String configValue;

    NoKeyPolicy(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public static Optional<NoKeyPolicy> byConfigValue(String value) {
        return Arrays.stream(values()).filter(policy -> policy.configValue.equals(value)).findFirst();
    }
}
