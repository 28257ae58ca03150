package dev.orderly.domain.ordering;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The canonical encoding of a sharding key (docs/HASH.md): a JSON array of the key values, with no
 * white space, written so that equal SQL values give equal bytes whatever Java type carried them.
 * The bytes are both the Kafka record key and the input of {@link KeyHash}.
 */
public final class KeyEncoding {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private KeyEncoding() {
    }

    public static byte[] encode(List<?> values) {
        return toJson(values).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical JSON text of the key values. */
    public static String toJson(List<?> values) {
        StringBuilder out = new StringBuilder(16 * values.size() + 2);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendValue(out, values.get(i));
        }
        return out.append(']').toString();
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof BigInteger integer) {
            out.append(integer);
        } else if (value instanceof BigDecimal decimal) {
            appendDecimal(out, decimal);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                appendDecimal(out, new BigDecimal(number));
            } else {
                out.append("{\"double\":\"").append(number).append("\"}");
            }
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof String text) {
            appendString(out, text);
        } else if (value instanceof byte[] bytes) {
            out.append("{\"base64\":\"").append(Base64.getEncoder().encodeToString(bytes)).append("\"}");
        } else {
            throw new IllegalArgumentException("a key value must be null, an integer, a decimal, a double, a boolean, a string or bytes but got "
                    + value.getClass().getName() + " (" + value + "); convert it in the source adapter");
        }
    }

    /** Whole numbers are written as integers (1.00 is 1), others in plain notation without trailing zeros. */
    private static void appendDecimal(StringBuilder out, BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            out.append(stripped.toBigIntegerExact());
        } else {
            out.append(stripped.toPlainString());
        }
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !isPairedSurrogate(text, i))) {
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean isPairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
