package dev.orderly.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.domain.ordering.KeyEncoding;
import dev.orderly.domain.ordering.KeyHash;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * H7: orderly's key hash is Kafka's, so the partition orderly chooses for a key is the one Kafka's
 * built-in partitioner gives the record key. A failure here means keys would land elsewhere than
 * any Kafka client expects; fix {@code KeyHash}, never this test.
 */
class KeyHashMatchesKafkaTest {

    private static final long SEED = 20240229L;
    private static final int SAMPLES = 5_000;
    private static final int MAX_LENGTH = 40;
    private static final int[] PARTITION_COUNTS = {1, 2, 3, 7, 8, 12, 64, 1000};

    @Test
    void murmur2IsKafkasOnRandomBytes() {
        Random random = new Random(SEED);
        for (int sample = 0; sample < SAMPLES; sample++) {
            byte[] bytes = randomBytes(random);

            assertThat(KeyHash.murmur2(bytes)).as("murmur2 of %s", Arrays.toString(bytes)).isEqualTo(Utils.murmur2(bytes));
            assertThat(KeyHash.toPositive(KeyHash.murmur2(bytes))).isEqualTo(Utils.toPositive(Utils.murmur2(bytes)));
        }
    }

    @Test
    void partitionIsTheBuiltInPartitionersOnRandomBytes() {
        Random random = new Random(SEED + 1);
        for (int sample = 0; sample < SAMPLES; sample++) {
            byte[] bytes = randomBytes(random);
            for (int partitionCount : PARTITION_COUNTS) {
                assertThat(KeyHash.partition(bytes, partitionCount))
                        .as("partition of %s among %d", Arrays.toString(bytes), partitionCount)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(bytes, partitionCount))
                        .isEqualTo(Utils.toPositive(Utils.murmur2(bytes)) % partitionCount);
            }
        }
    }

    @Test
    void encodedKeysLandWhereKafkaPutsTheirRecordKey() {
        List<List<?>> keys = List.of(List.of(42L), List.of("Grüße, 東京 😀"), List.of(new BigDecimal("1.50"), "eu-west"),
                Arrays.asList(null, true, new byte[] {0, -1}));
        for (List<?> key : keys) {
            byte[] encoded = KeyEncoding.encode(key);

            assertThat(KeyHash.partition(encoded, 12)).as("partition of %s", KeyEncoding.toJson(key))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(encoded, 12));
        }
    }

    @Test
    void theSignBitIsClearedNotNegated() {
        for (int number : new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}) {
            assertThat(KeyHash.toPositive(number)).isEqualTo(Utils.toPositive(number));
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(MAX_LENGTH + 1)];
        random.nextBytes(bytes);
        return bytes;
    }
}
