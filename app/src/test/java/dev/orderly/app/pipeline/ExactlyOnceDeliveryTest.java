package dev.orderly.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.SinkFencedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactlyOnceDeliveryTest {

    private final InMemoryTransactionalSink sink = new InMemoryTransactionalSink(4);
    private final List<Throwable> failures = new ArrayList<>();

    @Test
    void wholeSourceTransactionsCommitTogetherWithTheCheckpointAfterTheLast() {
        ExactlyOnceDelivery delivery = delivery(100, Optional.empty());

        delivery.deliver(records(3), end(1, 1));
        delivery.deliver(records(2), end(2, 2));
        assertThat(sink.visible()).as("nothing is visible before the commit").isEmpty();
        delivery.commit();

        assertThat(sink.commits).singleElement().satisfies(commit -> {
            assertThat(commit.records()).hasSize(5);
            assertThat(commit.checkpoint()).contains(new Checkpoint(position(2), 2, 4, 0));
        });
        assertThat(delivery.acknowledgedSeq()).isEqualTo(2);
    }

    @Test
    void aKafkaTransactionNeverEndsInsideASourceTransactionThatFits() {
        ExactlyOnceDelivery delivery = delivery(5, Optional.empty());

        delivery.deliver(records(3), end(1, 1));
        delivery.deliver(records(3), end(2, 2));
        delivery.commit();

        assertThat(sink.commits).extracting(commit -> commit.records().size()).containsExactly(3, 3);
        assertThat(sink.commits).extracting(InMemoryTransactionalSink.Committed::checkpoint)
                .containsExactly(Optional.of(new Checkpoint(position(1), 1, 4, 0)), Optional.of(new Checkpoint(position(2), 2, 4, 0)));
    }

    @Test
    void aSourceTransactionBeyondTheLimitIsSplitWithTheCheckpointKeptBeforeIt() {
        Checkpoint resumed = new Checkpoint(position(7), 7, 4, 0);
        ExactlyOnceDelivery delivery = delivery(4, Optional.of(resumed));

        delivery.deliver(records(10), end(8, 8));
        delivery.commit();

        assertThat(sink.commits).extracting(commit -> commit.records().size()).containsExactly(4, 4, 2);
        assertThat(sink.commits).extracting(InMemoryTransactionalSink.Committed::checkpoint)
                .containsExactly(Optional.of(resumed), Optional.of(resumed), Optional.of(new Checkpoint(position(8), 8, 4, 0)));
    }

    @Test
    void theFirstTransactionEverSplitCommitsItsPartsWithoutACheckpoint() {
        ExactlyOnceDelivery delivery = delivery(4, Optional.empty());

        delivery.deliver(records(6), end(1, 1));
        delivery.commit();

        assertThat(sink.commits).extracting(InMemoryTransactionalSink.Committed::checkpoint)
                .containsExactly(Optional.empty(), Optional.of(new Checkpoint(position(1), 1, 4, 0)));
    }

    @Test
    void theCommitIntervalNeverEndsAKafkaTransactionInsideAStreamedSourceTransaction() {
        ExactlyOnceDelivery delivery = delivery(100, Optional.empty());

        delivery.deliver(records(3), null);
        delivery.commit();
        assertThat(sink.commits).as("parts of an open source transaction stay uncommitted").isEmpty();
        delivery.deliver(records(2), end(1, 1));
        delivery.commit();

        assertThat(sink.commits).singleElement().satisfies(commit -> {
            assertThat(commit.records()).hasSize(5);
            assertThat(commit.checkpoint()).contains(end(1, 1));
        });
    }

    @Test
    void controlRecordsGoIntoTheOpenKafkaTransaction() {
        ExactlyOnceDelivery delivery = delivery(100, Optional.empty());

        delivery.deliver(records(1), end(1, 1));
        delivery.control(records(4));
        delivery.commit();

        assertThat(sink.commits).singleElement().satisfies(commit -> assertThat(commit.records()).hasSize(5));
    }

    @Test
    void anIdlePositionIsCommittedWithoutRecords() {
        ExactlyOnceDelivery delivery = delivery(100, Optional.of(new Checkpoint(position(3), 3, 4, 0)));

        delivery.idle(end(3, 4));
        delivery.commit();
        delivery.commit();

        assertThat(sink.commits).singleElement().satisfies(commit -> {
            assertThat(commit.records()).isEmpty();
            assertThat(commit.checkpoint()).contains(new Checkpoint(position(4), 3, 4, 0));
        });
    }

    @Test
    void aFencedSinkRefusesToCommit() {
        ExactlyOnceDelivery delivery = delivery(100, Optional.empty());
        delivery.deliver(records(1), end(1, 1));
        sink.fenced = true;

        assertThatThrownBy(delivery::commit).isInstanceOf(SinkFencedException.class);
        assertThat(sink.visible()).isEmpty();
    }

    private ExactlyOnceDelivery delivery(int maxTransactionRecords, Optional<Checkpoint> resumedFrom) {
        return new ExactlyOnceDelivery(sink, "changes", maxTransactionRecords, resumedFrom, failures::add);
    }

    /** The checkpoint after transaction {@code seq}, at position {@code n}. */
    private static Checkpoint end(long seq, int n) {
        return new Checkpoint(position(n), seq, 4, 0);
    }

    private static SourcePosition position(int n) {
        return new SourcePosition("p" + n, "after-" + n);
    }

    private static List<OutgoingRecord> records(int count) {
        return IntStream.range(0, count).mapToObj(i -> new OutgoingRecord(i % 4, null, new byte[] {(byte) i}, Map.of())).toList();
    }
}
