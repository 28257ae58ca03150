package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A piece of a transaction too large to hold in memory, streamed in binlog order: the parts of one
 * transaction arrive one after another, the first with {@code first}, the last with {@code last} and
 * the position after the transaction.
 *
 * @param id the source's transaction id
 * @param changes the part's changes in binlog order; may be empty only in the last part
 * @param first whether this is the transaction's first part
 * @param last whether this is the transaction's last part
 * @param endPosition where the source resumes after the transaction; {@code null} unless {@code last},
 *     and {@code null} in the last part of a transaction the source cannot resume after (see
 *     {@link Transaction#endPosition()})
 */
public record TransactionPart(String id, List<ChangeEvent> changes, boolean first, boolean last, SourcePosition endPosition) {

    public TransactionPart {
        requireNonNull(id, "id is null");
        changes = List.copyOf(changes);
        if (!last && endPosition != null) {
            throw new IllegalArgumentException("the end position may be given in the last part only, but a part of transaction " + id + " before"
                    + " its last has one");
        }
        if (changes.isEmpty() && (first || !last)) {
            throw new IllegalArgumentException("only the last part of a streamed transaction may be empty, but part of " + id + " was");
        }
    }

    /** A whole transaction as one part. */
    public static TransactionPart whole(Transaction transaction) {
        return new TransactionPart(transaction.id(), transaction.changes(), true, true, transaction.endPosition());
    }

    public boolean isWhole() {
        return first && last;
    }
}
