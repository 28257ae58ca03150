package dev.orderly.domain.ordering;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the key values notation of docs/HASH.md's test vectors: {@code [Type literal, ...]}, e.g.
 * {@code [Long 7, String "eu-west", null, bytes 0x00ff]}.
 */
final class KeyValueNotation {

    private final String text;
    private int position;

    private KeyValueNotation(String text) {
        this.text = text;
    }

    static List<Object> parse(String text) {
        return new KeyValueNotation(text).values();
    }

    private List<Object> values() {
        expect('[');
        List<Object> values = new ArrayList<>();
        while (true) {
            values.add(value());
            char next = next();
            if (next == ']') {
                break;
            }
            if (next != ',') {
                throw error("',' or ']'");
            }
            skipSpaces();
        }
        if (position != text.length()) {
            throw error("the end");
        }
        return Collections.unmodifiableList(values);
    }

    private Object value() {
        if (text.startsWith("null", position)) {
            position += 4;
            return null;
        }
        String type = word();
        expect(' ');
        if (type.equals("String")) {
            return string();
        }
        String literal = literal();
        return switch (type) {
            case "Long" -> Long.valueOf(literal);
            case "Integer" -> Integer.valueOf(literal);
            case "Short" -> Short.valueOf(literal);
            case "Byte" -> Byte.valueOf(literal);
            case "BigInteger" -> new BigInteger(literal);
            case "BigDecimal" -> new BigDecimal(literal);
            case "Double" -> Double.valueOf(literal);
            case "Float" -> Float.valueOf(literal);
            case "Boolean" -> bool(literal);
            case "bytes" -> bytes(literal);
            default -> throw new IllegalArgumentException("unknown type '" + type + "' in " + text);
        };
    }

    private static Boolean bool(String literal) {
        if (!literal.equals("true") && !literal.equals("false")) {
            throw new IllegalArgumentException("a Boolean must be true or false but got '" + literal + "'");
        }
        return Boolean.valueOf(literal);
    }

    private static byte[] bytes(String literal) {
        if (!literal.startsWith("0x")) {
            throw new IllegalArgumentException("bytes must be written 0x<hex> but got '" + literal + "'");
        }
        return HexFormat.of().parseHex(literal.substring(2));
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\' -> out.append(escaped);
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    position += 4;
                }
                default -> throw error("an escape \\\" \\\\ \\t \\n \\r or \\uXXXX");
            }
        }
    }

    private String word() {
        int start = position;
        while (position < text.length() && Character.isLetter(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    private String literal() {
        int start = position;
        while (position < text.length() && text.charAt(position) != ',' && text.charAt(position) != ']') {
            position++;
        }
        return text.substring(start, position);
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private char next() {
        if (position >= text.length()) {
            throw error("more text");
        }
        return text.charAt(position++);
    }

    private void expect(char expected) {
        if (next() != expected) {
            position--;
            throw error("'" + expected + "'");
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("expected " + expected + " at column " + position + " of " + text);
    }
}
