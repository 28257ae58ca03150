package dev.orderly.domain.change;

/** The kind of a row-level change; {@link #code()} is the one-letter code used in records. */
public enum Operation {
    INSERT("c"),
    UPDATE("u"),
    DELETE("d");

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
        throw new IllegalArgumentException("operation code must be one of c, u, d but got '" + code + "'");
    }
}
