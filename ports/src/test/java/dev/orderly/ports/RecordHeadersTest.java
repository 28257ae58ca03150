package dev.orderly.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.ordering.TransactionMark;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordHeadersTest {

    @Test
    void readsTheMarkAndSchemaVersionThePipelineWrote() {
        TransactionMark streamed = new TransactionMark("gtid:9", 12, 4, TransactionMark.UNKNOWN_COUNT);
        Map<String, byte[]> headers = RecordHeaders.ofRow(streamed, 11);

        assertThat(RecordHeaders.readTransactionMark(0, 1, headers)).contains(streamed);
        assertThat(RecordHeaders.schemaVersion(0, 1, headers)).isEqualTo(11);
    }

    @Test
    void aRecordWithoutTransactionHeadersHasNoMark() {
        assertThat(RecordHeaders.readTransactionMark(0, 1, Map.of())).isEmpty();
        assertThat(RecordHeaders.schemaVersion(0, 1, Map.of())).isZero();
    }

    @Test
    void incompleteOrWrongHeadersAreRefusedWithTheRecordsPosition() {
        Map<String, byte[]> headers = new HashMap<>(RecordHeaders.ofRow(new TransactionMark("gtid:9", 12, 0, 1), 0));
        headers.remove(TransactionHeaders.INDEX);
        assertThatThrownBy(() -> RecordHeaders.readTransactionMark(2, 17, headers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing header orderly.txn.index at partition 2 offset 17");

        headers.put(TransactionHeaders.INDEX, "3".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RecordHeaders.readTransactionMark(2, 17, headers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the transaction headers at partition 2 offset 17 do not form a transaction mark: index must be in [0, 1) but got 3");

        headers.put(TransactionHeaders.SCHEMA_VERSION, "v2".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RecordHeaders.schemaVersion(2, 17, headers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'v2'")
                .hasMessageEndingWith("at partition 2 offset 17");
    }
}
