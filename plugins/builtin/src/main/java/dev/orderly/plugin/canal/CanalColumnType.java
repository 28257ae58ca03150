package dev.orderly.plugin.canal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A column's {@code sqlType} (a {@link java.sql.Types} code) and {@code mysqlType} in a Canal message,
 * and how its values are written as text and read back. orderly knows a value's Java type, not the
 * column's declared type, so the type is inferred from the value: a DATETIME column, which orderly
 * carries as epoch milliseconds or microseconds, shows as {@code bigint}.
 */
enum CanalColumnType {
    BIT(-7, "bit(1)"),
    TINYINT(-6, "tinyint"),
    SMALLINT(5, "smallint"),
    INTEGER(4, "int"),
    BIGINT(-5, "bigint"),
    DECIMAL(3, "decimal"),
    REAL(7, "float"),
    DOUBLE(8, "double"),
    VARCHAR(12, "varchar"),
    BLOB(2004, "blob"),
    /** A column whose value is NULL in every image of the record: its type is unknown. */
    NULL(0, "null");

    private final int sqlType;
    private final String mysqlType;

    CanalColumnType(int sqlType, String mysqlType) {
        this.sqlType = sqlType;
        this.mysqlType = mysqlType;
    }

    int sqlType() {
        return sqlType;
    }

    String mysqlType() {
        return mysqlType;
    }

    /** The type a value shows; {@link #VARCHAR} for a type Canal has no better name for. */
    static CanalColumnType of(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof Boolean) {
            return BIT;
        } else if (value instanceof Byte) {
            return TINYINT;
        } else if (value instanceof Short) {
            return SMALLINT;
        } else if (value instanceof Integer) {
            return INTEGER;
        } else if (value instanceof Long || value instanceof BigInteger) {
            return BIGINT;
        } else if (value instanceof BigDecimal) {
            return DECIMAL;
        } else if (value instanceof Float) {
            return REAL;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof byte[]) {
            return BLOB;
        }
        return VARCHAR;
    }

    /**
     * A value as Canal writes it: numbers in plain decimal, BIT as {@code 1} or {@code 0}, binary as
     * one ISO-8859-1 character per byte, anything else as its text; {@code null} for SQL NULL.
     */
    static String text(Object value) {
        if (value == null) {
            return null;
        } else if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        } else if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        } else if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return value.toString();
    }

    /**
     * The value a text of a column with {@code sqlType} stands for, as the {@code json} format reads
     * it: integers as {@link Long} (or {@link BigInteger}), other numbers as {@link BigDecimal}, BIT as
     * {@link Boolean}, binary as base64 text; text that does not parse as its type, and every other
     * type, as the text itself.
     */
    static Object parse(int sqlType, String text) {
        if (text == null) {
            return null;
        }
        CanalColumnType type = bySqlType(sqlType);
        if (type == null) {
            return text;
        }
        try {
            return switch (type) {
                case TINYINT, SMALLINT, INTEGER, BIGINT -> integer(text);
                case DECIMAL, REAL, DOUBLE -> new BigDecimal(text);
                case BIT -> "1".equals(text) || "0".equals(text) ? (Object) "1".equals(text) : text;
                case BLOB -> Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
                case VARCHAR, NULL -> text;
            };
        } catch (NumberFormatException e) {
            // e.g. NaN or Infinity of a FLOAT column: keep what was written
            return text;
        }
    }

    private static Object integer(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return new BigInteger(text);
        }
    }

    private static CanalColumnType bySqlType(int sqlType) {
        for (CanalColumnType type : values()) {
            if (type.sqlType == sqlType) {
                return type;
            }
        }
        return null;
    }
}
