package dev.orderly.adapter.debezium;

import java.util.Map;
import java.util.Optional;

/**
 * A binlog file and position read from a Debezium offset, ordered the way the server writes them:
 * by the file's sequence number, then by position.
 */
record BinlogCoordinate(String file, long pos) implements Comparable<BinlogCoordinate> {

    /** The coordinate of an offset; empty when it has no file and position. */
    static Optional<BinlogCoordinate> of(Map<String, ?> offset) {
        Object file = offset.get("file");
        Object pos = offset.get("pos");
        if (file == null || !(pos instanceof Number number)) {
            return Optional.empty();
        }
        return Optional.of(new BinlogCoordinate(file.toString(), number.longValue()));
    }

    @Override
    public int compareTo(BinlogCoordinate other) {
        int byFile = Long.compare(sequence(file), sequence(other.file));
        if (byFile == 0) {
            byFile = file.compareTo(other.file);
        }
        return byFile != 0 ? byFile : Long.compare(pos, other.pos);
    }

    /** The number after the last dot of a binlog file name ({@code mysql-bin.000042} is 42); -1 when there is none. */
    private static long sequence(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return dot < 0 ? -1 : Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    boolean isAfter(BinlogCoordinate other) {
        return compareTo(other) > 0;
    }
}
