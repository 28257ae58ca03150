package dev.orderly.domain.reassembly;

import dev.orderly.domain.verify.ControlRecord;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/** The copies of one schema change read so far: it is broadcast, one copy in every partition (H6). Not thread-safe. */
final class PendingSchemaChange implements PendingTransaction<ControlRecord> {

    private final ControlRecord first;
    /** The copy read from each partition; {@code null} where none has been read. */
    private final ControlRecord[] copies;
    private int size;

    PendingSchemaChange(ControlRecord first, int partitionCount) {
        this.first = first;
        this.copies = new ControlRecord[partitionCount];
        add(first);
    }

    @Override
    public boolean holds(ControlRecord copy) {
        return copies[copy.partition()] != null;
    }

    /** @throws TransactionReassemblyException when {@code copy} names other tables than the copies held */
    @Override
    public void checkFits(ControlRecord copy) {
        if (!copy.tables().equals(first.tables())) {
            throw new TransactionReassemblyException("the copies of schema change seq " + first.seq() + " disagree: tables " + first.tables()
                    + " at " + first.position() + " but " + copy.tables() + " at " + copy.position());
        }
    }

    @Override
    public void add(ControlRecord copy) {
        copies[copy.partition()] = copy;
        size++;
    }

    @Override
    public long seq() {
        return first.seq();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String describe() {
        return "schema change seq " + first.seq() + " of " + first.tables();
    }

    @Override
    public Optional<String> missing() {
        if (size == copies.length) {
            return Optional.empty();
        }
        long[] without = IntStream.range(0, copies.length).filter(partition -> copies[partition] == null).asLongStream().toArray();
        return Optional.of("no copy on partition " + Ranges.of(without) + " of " + copies.length + " (a schema change is broadcast to every partition, H6)");
    }

    @Override
    public String positions() {
        return Ranges.positions(Arrays.stream(copies).filter(Objects::nonNull).toList(), ControlRecord::partition, ControlRecord::offset);
    }

    @Override
    public ReassembledTransaction reassembled() {
        return ReassembledTransaction.ofSchemaChange(first);
    }
}
