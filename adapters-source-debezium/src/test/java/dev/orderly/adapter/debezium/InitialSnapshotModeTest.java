package dev.orderly.adapter.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.ports.config.SnapshotMode;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InitialSnapshotModeTest {

    private static final Optional<SourcePosition> CHECKPOINT = Optional.of(new SourcePosition("{}", "mysql-bin.000001:4"));

    @Test
    void onlyAPipelineWithoutACheckpointTakesTheInitialSnapshot() {
        DebeziumSource initial = source(SnapshotMode.INITIAL);
        DebeziumSource never = source(SnapshotMode.NEVER);

        assertThat(initial.takesSnapshot(Optional.empty())).isTrue();
        assertThat(initial.takesSnapshot(CHECKPOINT)).as("a checkpoint, or another engine after a lost connection").isFalse();
        assertThat(never.takesSnapshot(Optional.empty())).isFalse();
    }

    @Test
    void theEngineReadsTheRowsFirstOnlyWhenItTakesTheSnapshot() {
        DebeziumSource source = source(SnapshotMode.INITIAL);

        assertThat(source.engineProperties(Path.of("history.dat"), "key", true)).containsEntry("snapshot.mode", "initial");
        assertThat(source.engineProperties(Path.of("history.dat"), "key", false)).containsEntry("snapshot.mode", "no_data");
    }

    private static DebeziumSource source(SnapshotMode snapshot) {
        return new DebeziumSource(new SourceSettings(SourceType.MYSQL, "127.0.0.1", 3306, "cdc", "secret", 5401, List.of(TableId.parse("shop.orders")),
                Map.of(), snapshot), "shop", Path.of("state"));
    }
}
