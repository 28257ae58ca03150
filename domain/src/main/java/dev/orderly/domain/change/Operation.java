package dev.orderly.domain.change;

/**
 * The kind of a row-level change; {@link #code()} is the one-letter code used in records (Debezium's).
 * {@link #READ} is no change of the binlog but a row as an initial snapshot read it; for keys and
 * order it is an insert (an after image only).
 */
public enum Operation {
    INSERT("c"),
    UPDATE("u"),
    DELETE("d"),
    /** A row read by the initial snapshot ({@code source.snapshot: initial}), before the binlog is streamed. */
    READ("r");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Operation fromCode(String code) {
        for (Operation operation : values()) {
            if (operation.code.equals(code)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("operation code must be one of c, u, d, r but got '" + code + "'");
    }
}
