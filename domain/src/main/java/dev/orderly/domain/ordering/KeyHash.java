package dev.orderly.domain.ordering;

/**
 * The published key-to-partition function (H7, docs/HASH.md):
 * {@code partition = toPositive(murmur2(encodedKey)) % partitionCount}, the same function as Kafka's
 * built-in partitioner applies to a record key, so the Kafka key and the partition always agree.
 */
public final class KeyHash {

    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private KeyHash() {
    }

    public static int partition(byte[] encodedKey, int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
        return toPositive(murmur2(encodedKey)) % partitionCount;
    }

    public static int partition(ShardingKey key, int partitionCount) {
        return partition(key.encodedUnsafe(), partitionCount);
    }

    /** Clears the sign bit; unlike {@code Math.abs} it maps {@code Integer.MIN_VALUE} to 0. */
    public static int toPositive(int number) {
        return number & 0x7fffffff;
    }

    /** MurmurHash2, 32-bit, seed {@code 0x9747b28c}, four bytes at a time in little-endian order. */
    @SuppressWarnings("fallthrough")
    public static int murmur2(byte[] data) {
        int length = data.length;
        int hash = SEED ^ length;
        int blocks = length >>> 2;
        for (int block = 0; block < blocks; block++) {
            int i = block << 2;
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            k *= M;
            k ^= k >>> R;
            k *= M;
            hash *= M;
            hash ^= k;
        }
        int tail = blocks << 2;
        switch (length & 3) {
            case 3:
                hash ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                hash ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                hash ^= data[tail] & 0xff;
                hash *= M;
                break;
            default:
                break;
        }
        hash ^= hash >>> 13;
        hash *= M;
        hash ^= hash >>> 15;
        return hash;
    }
}
