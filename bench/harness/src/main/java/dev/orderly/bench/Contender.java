package dev.orderly.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What drains the backlog in a run. The order here is the order of a repetition (runs interleave). */
enum Contender {
    DEBEZIUM("dbz", "R_dbz: Debezium engine, no-op consumer"),
    PRODUCER_ONE("p1", "R_p1: bare idempotent producer, 1 partition"),
    PRODUCER_N("pN", "R_pN: bare idempotent producer, N partitions"),
    ORDERLY_ONE("one", "orderly one_partition, at-least-once"),
    ORDERLY_HASH("hash", "orderly hash N, at-least-once"),
    ORDERLY_ONE_EOS("one-eos", "orderly one_partition, exactly-once"),
    ORDERLY_HASH_EOS("hash-eos", "orderly hash N, exactly-once"),
    PEER_ONE("peer1", "peer: Debezium on Kafka Connect, 1 partition"),
    PEER_N("peerN", "peer: Debezium on Kafka Connect, N partitions");

    private final String id;
    private final String label;

    Contender(String id, String label) {
        this.id = id;
        this.label = label;
    }

    String id() {
        return id;
    }

    String label(int partitions) {
        return label.replace("hash N", "hash " + partitions).replace("N partitions", partitions + " partitions");
    }

    boolean isOrderly() {
        return this == ORDERLY_ONE || this == ORDERLY_HASH || this == ORDERLY_ONE_EOS || this == ORDERLY_HASH_EOS;
    }

    boolean isPeer() {
        return this == PEER_ONE || this == PEER_N;
    }

    boolean isProducer() {
        return this == PRODUCER_ONE || this == PRODUCER_N;
    }

    boolean exactlyOnce() {
        return this == ORDERLY_ONE_EOS || this == ORDERLY_HASH_EOS;
    }

    /** Whether its output is spread over N partitions (hash, or keyed by the default partitioner). */
    boolean spread() {
        return this == PRODUCER_N || this == ORDERLY_HASH || this == ORDERLY_HASH_EOS || this == PEER_N;
    }

    /** The partitions of its topic; 0 for the engine alone, which writes none. */
    int partitions(int n) {
        return this == DEBEZIUM ? 0 : spread() ? n : 1;
    }

    /**
     * @param ids comma-separated ids, or {@code all}
     * @throws IllegalArgumentException naming an unknown id and the known ones
     */
    static List<Contender> parse(String ids) {
        if (ids.equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).map(id -> Arrays.stream(values())
                .filter(contender -> contender.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown contender '" + id + "'; known: all or "
                        + Arrays.stream(values()).map(Contender::id).collect(Collectors.joining(","))))).distinct().sorted().toList();
    }
}
