package dev.orderly.domain.ordering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The values of a change's sharding columns, in key order, with their canonical encoding
 * (docs/HASH.md) computed once. {@link #NONE} means the change has no key (a keyless table under
 * {@code no-key: partition-0}). Two keys are equal when their encodings are, so {@code 1L} and
 * {@code 1} are one key. Immutable.
 */
public final class ShardingKey {

    public static final ShardingKey NONE = new ShardingKey(List.of());

    private final List<Object> values;
    private final byte[] encoded;

    public ShardingKey(List<?> values) {
        // Collections.unmodifiableList keeps SQL NULLs, which List.copyOf would reject.
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
        this.encoded = this.values.isEmpty() ? new byte[0] : KeyEncoding.encode(this.values);
    }

    public List<Object> values() {
        return values;
    }

    public boolean isNone() {
        return values.isEmpty();
    }

    /** A copy of the canonical encoding; empty for {@link #NONE}. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The encoding itself, for the hot path in this package; never modified. */
    byte[] encodedUnsafe() {
        return encoded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardingKey key && Arrays.equals(encoded, key.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return isNone() ? "(no key)" : KeyEncoding.toJson(values);
    }
}
