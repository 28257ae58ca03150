package dev.orderly.domain.ordering;

import java.util.Arrays;
import java.util.Optional;

/** The built-in partition modes, spelled as OceanBase OMS spells {@code partition.mode}. */
public enum PartitionMode {
    ONE_PARTITION("one_partition", "one"),
    HASH("hash", "hash");

    private final String identifier;
    private final String alias;

    PartitionMode(String identifier, String alias) {
        this.identifier = identifier;
        this.alias = alias;
    }

    public String identifier() {
        return identifier;
    }

    /** The mode named by its identifier or alias ({@code one} for {@code one_partition}). */
    public static Optional<PartitionMode> byName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.identifier.equals(name) || mode.alias.equals(name)).findFirst();
    }
}
