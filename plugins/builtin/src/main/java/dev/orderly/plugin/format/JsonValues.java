package dev.orderly.plugin.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orderly.domain.change.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Column values and row images in JSON, written and read alike by every built-in format: integers as
 * JSON integers, DECIMAL as exact numbers never in exponent form, binary as base64. Reading gives
 * {@link Long} (or {@link BigInteger}) for integers and {@link BigDecimal} for every other number, so
 * a DECIMAL keeps its scale.
 */
public final class JsonValues {

    /** Writes a JSON document to a generator. */
    @FunctionalInterface
    public interface Body {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** More distinct names than this are not kept: the names of columns and source fields are few, anything else is written as it comes. */
    private static final int MAX_NAMES = 10_000;
    private static final Map<String, SerializedString> NAMES = new ConcurrentHashMap<>();
    /**
     * The names met last, by identity: the source adapter hands over the same {@code String} instances
     * (its schema's field names) record after record, and an identity check is cheaper than a hash
     * lookup. A slot holds one immutable entry, so a race between threads can only miss, never mix.
     */
    private static final int RECENT_SLOTS = 1_024;
    private static final KnownName[] RECENT = new KnownName[RECENT_SLOTS];

    private record KnownName(String name, SerializedString encoded) {
    }

    private JsonValues() {
    }

    /**
     * A field name with its quoted UTF-8 bytes worked out once: column and source field names repeat in
     * every record, and writing a plain {@code String} name checks each of its characters for escaping
     * every time. Thread-safe.
     */
    public static SerializableString name(String name) {
        int slot = System.identityHashCode(name) & (RECENT_SLOTS - 1);
        KnownName recent = RECENT[slot];
        if (recent != null && recent.name() == name) {
            return recent.encoded();
        }
        SerializedString encoded = NAMES.get(name);
        if (encoded == null) {
            encoded = new SerializedString(name);
            if (NAMES.size() < MAX_NAMES) {
                NAMES.putIfAbsent(name, encoded);
            }
        }
        RECENT[slot] = new KnownName(name, encoded);
        return encoded;
    }

    /**
     * The bytes of one JSON document. The document is written into Jackson's segmented, recycled
     * buffer and copied out once: a growing byte array would copy a large record several times.
     *
     * @param what what is written, for the message of an {@link UncheckedIOException}; built only then
     */
    public static byte[] write(Supplier<String> what, Body body) {
        BufferRecycler recycler = FACTORY._getBufferRecycler();
        try {
            ByteArrayBuilder out = new ByteArrayBuilder(recycler);
            try (JsonGenerator json = FACTORY.createGenerator(out)) {
                body.writeTo(json);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + what.get(), e);
            }
            return out.getClearAndRelease();
        } finally {
            recycler.releaseToPool();
        }
    }

    /**
     * The JSON object a record value holds.
     *
     * @param format the format's name, for messages
     * @throws IllegalArgumentException when the value is not a JSON object; the message names the partition and offset
     */
    public static JsonNode readObject(String format, int partition, long offset, byte[] value) {
        JsonNode root;
        try {
            root = value == null ? null : READER.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("record at partition " + partition + " offset " + offset + " is not json: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("record at partition " + partition + " offset " + offset + " is not a " + format
                    + " record: its value must be a JSON object but is " + (root == null ? "empty" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return root;
    }

    /** Writes {@code "field": {column: value, …}}, or {@code "field": null} for no image. */
    public static void writeRow(JsonGenerator json, SerializableString field, Row row) throws IOException {
        json.writeFieldName(field);
        if (row == null) {
            json.writeNull();
            return;
        }
        writeObject(json, row.values());
    }

    /** Writes {@code {name: value, …}} of a map of column values (a row image, a source block) as the current value. */
    public static void writeObject(JsonGenerator json, Map<String, Object> values) throws IOException {
        json.writeStartObject();
        // forEach, not an entry iterator: an unmodifiable map (a Row's) wraps every entry it iterates.
        try {
            values.forEach((name, value) -> {
                try {
                    json.writeFieldName(name(name));
                    writeValue(json, value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        json.writeEndObject();
    }

    /** Writes one column value (see the class comment); a value of an unknown type as its text. */
    public static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof BigInteger integer) {
            json.writeNumber(integer);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                json.writeNumber(number);
            } else {
                json.writeString(Double.toString(number));
            }
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof byte[] bytes) {
            json.writeBinary(bytes);
        } else {
            json.writeString(value.toString());
        }
    }

    /** A row image written by {@link #writeRow}; {@code null} for a missing or null node. */
    public static Row readRow(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), readValue(field.getValue()));
        }
        return Row.of(values);
    }

    /** A column value written by {@link #writeValue}; binary comes back as its base64 text. */
    public static Object readValue(JsonNode node) {
        if (node.isNull()) {
            return null;
        } else if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        } else if (node.isNumber()) {
            return node.decimalValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}
