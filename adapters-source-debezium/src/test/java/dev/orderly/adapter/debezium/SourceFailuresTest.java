package dev.orderly.adapter.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import dev.orderly.ports.SourceListener;
import io.debezium.DebeziumException;
import java.io.EOFException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** How the source tells a lost connection from a purged binlog, and where it resumes after one. */
class SourceFailuresTest {

    private static final SourcePosition CHECKPOINT = new SourcePosition("{}", "mysql-bin.000003:1234 gtids=abc:1-57");
    private static final String DEBEZIUM_PURGED = "The connector is trying to read change stream starting at MySqlOffsetContext [...], but this is no"
            + " longer available on the server. Reconfigure the connector to use a snapshot mode when needed.";

    /** As Debezium 3.5 reports a server that went away while streaming. */
    private static Throwable serverWentAway() {
        EOFException eof = new EOFException("Failed to read next byte from position 1222322");
        return new ConnectException("An exception occurred in the change event producer. This connector will be stopped.",
                new DebeziumException("Failed to read next byte from position 1222322", eof));
    }

    @Test
    void aBrokenConnectionIsALostConnection() {
        assertThat(SourceReconnects.isConnectionLoss(serverWentAway())).isTrue();
        assertThat(SourceReconnects.isConnectionLoss(new DebeziumException(new SQLNonTransientConnectionException("Connection refused")))).isTrue();
        assertThat(SourceReconnects.isConnectionLoss(new SQLException("Communications link failure", "08S01"))).isTrue();
        assertThat(SourceReconnects.isConnectionLoss(new ServerException("Server shutdown in progress", 1053, "08S01"))).isTrue();
        assertThat(SourceReconnects.isConnectionLoss(new DebeziumException("Connector configuration is not valid. Unable to connect: Communications"
                + " link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago."))).isTrue();
    }

    @Test
    void aServerThatAnsweredWithAnErrorIsNoLostConnection() {
        assertThat(SourceReconnects.isConnectionLoss(new DebeziumException(new ServerException("Access denied", 1045, "28000")))).isFalse();
        assertThat(SourceReconnects.isConnectionLoss(new SQLException("Access denied", "28000"))).isFalse();
        assertThat(SourceReconnects.isConnectionLoss(new DebeziumException("Connector configuration is not valid. Unable to connect: Access denied"
                + " for user 'cdc'@'localhost' (using password: YES)"))).isFalse();
        assertThat(SourceReconnects.isConnectionLoss(new IllegalStateException("the binlog stream is inconsistent"))).isFalse();
        assertThat(SourceReconnects.isConnectionLoss(new DebeziumException(DEBEZIUM_PURGED))).isFalse();
    }

    @Test
    void reconnectsWaitLongerEachTimeUntilTheSourceDeliversAgain() {
        SourceReconnects reconnects = new SourceReconnects();

        assertThat(reconnects.next(serverWentAway())).contains(Duration.ofMillis(500));
        assertThat(reconnects.next(serverWentAway())).contains(Duration.ofSeconds(1));
        assertThat(reconnects.next(serverWentAway())).contains(Duration.ofSeconds(2));
        assertThat(reconnects.next(serverWentAway())).contains(Duration.ofSeconds(4));
        assertThat(reconnects.next(serverWentAway())).contains(Duration.ofSeconds(5));
        reconnects.delivered();
        assertThat(reconnects.next(serverWentAway())).contains(Duration.ofMillis(500));
        assertThat(reconnects.next(new IllegalStateException("not a connection problem"))).isEmpty();
    }

    @Test
    void debeziumsPurgedBinlogErrorBecomesOrderlysMessage() {
        Throwable explained = PurgedBinlogException.explain(new ConnectException(new DebeziumException(DEBEZIUM_PURGED)), Optional.of(CHECKPOINT), true,
                Path.of("/var/lib/orderly/shop"));

        assertThat(explained).isInstanceOf(PurgedBinlogException.class)
                .hasMessageStartingWith("The source no longer has the binlog at the checkpoint position mysql-bin.000003:1234 gtids=abc:1-57"
                        + " (purged by the server). orderly will not skip changes silently. To continue: ")
                .hasMessageContaining("checkpoint.properties in /var/lib/orderly/shop")
                .hasMessageContaining("binlog_expire_logs_seconds");
    }

    @Test
    void theServersPurgedBinlogErrorBecomesOrderlysMessage() {
        ServerException purged = new ServerException("Could not find first log file name in binary log index file", 1236, "HY000");

        assertThat(PurgedBinlogException.explain(new DebeziumException(purged), Optional.of(CHECKPOINT), false, Path.of("state")))
                .hasMessageStartingWith("The source no longer has the binlog at the position mysql-bin.000003:1234");
        ServerException corrupt = new ServerException("binlog truncated in the middle of event", 1236, "HY000");
        assertThat(PurgedBinlogException.explain(corrupt, Optional.of(CHECKPOINT), true, Path.of("state"))).isSameAs(corrupt);
    }

    @Test
    void anotherEngineResumesAfterWhatTheListenerTook() throws Exception {
        DeliveredPositions delivered = new DeliveredPositions(new Ignoring(), Optional.of(CHECKPOINT), () -> { });
        SourcePosition idle = new SourcePosition("{}", "mysql-bin.000003:2000");
        SourcePosition end = new SourcePosition("{}", "mysql-bin.000003:3000");

        assertThat(delivered.resumePosition()).contains(CHECKPOINT);
        delivered.onIdle(idle);
        assertThat(delivered.resumePosition()).contains(idle);
        delivered.onTransaction(new Transaction("t1", List.of(change()), end));
        assertThat(delivered.resumePosition()).contains(end);
        delivered.onTransactionPart(new TransactionPart("t2", List.of(change()), true, false, null));
        assertThat(delivered.resumePosition()).as("inside a transaction delivered in parts").isEmpty();
        SourcePosition afterParts = new SourcePosition("{}", "mysql-bin.000003:9000");
        delivered.onTransactionPart(new TransactionPart("t2", List.of(), false, true, afterParts));
        assertThat(delivered.resumePosition()).contains(afterParts);
    }

    @Test
    void noOtherEngineStartsBeforeAFirstPositionOrAfterTheListenerFailed() {
        assertThat(new DeliveredPositions(new Ignoring(), Optional.empty(), () -> { }).resumePosition()).isEmpty();

        DeliveredPositions failing = new DeliveredPositions(new Ignoring() {
            @Override
            public void onIdle(SourcePosition position) {
                throw new IllegalStateException("the sink failed");
            }
        }, Optional.of(CHECKPOINT), () -> { });
        assertThatThrownBy(() -> failing.onIdle(CHECKPOINT)).hasMessage("the sink failed");
        assertThat(failing.listenerFailed()).isTrue();
    }

    private static ChangeEvent change() {
        return ChangeEvent.insert(new TableId("shop", "orders"), Row.of(Map.of("id", 1L)), Map.of());
    }

    private static class Ignoring implements SourceListener {
        @Override
        public void onTransaction(Transaction transaction) {
        }

        @Override
        public void onTransactionPart(TransactionPart part) {
        }

        @Override
        public void onSchemaChange(SchemaChange change, SourcePosition end) {
        }

        @Override
        public void onIdle(SourcePosition position) {
        }
    }
}
