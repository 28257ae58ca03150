package dev.orderly.plugin.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.TransactionHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code json} format (docs/FORMAT.md): one JSON object per record with op, db, table, before,
 * after, the sharding key, the split role of a key-change half, the transaction mark and the source
 * position.
 */
public final class JsonMessageFormat implements MessageFormatPort {

    public static final String IDENTIFIER = "json";

    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public byte[] value(RoutedRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("op", record.change().operation().code());
            json.writeStringField("db", record.change().table().database());
            json.writeStringField("table", record.change().table().table());
            writeRow(json, "before", record.change().before());
            writeRow(json, "after", record.change().after());
            writeKey(json, record);
            if (record.split() != SplitRole.NONE) {
                json.writeStringField("split", SplitRoles.name(record.split()));
            }
            TransactionMark txn = record.txn();
            json.writeObjectFieldStart("txn");
            json.writeStringField("id", txn.id());
            json.writeNumberField("seq", txn.seq());
            json.writeNumberField("index", txn.index());
            if (txn.countKnown()) {
                json.writeNumberField("count", txn.count());
            } else {
                json.writeNullField("count");
            }
            json.writeEndObject();
            json.writeObjectFieldStart("source");
            for (Map.Entry<String, Object> entry : record.change().source().entrySet()) {
                json.writeFieldName(entry.getKey());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a json record of " + record.change().table(), e);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] marker(Marker marker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("marker", marker.kind().label());
            json.writeNumberField("seq", marker.seq());
            json.writeNumberField("epoch", marker.epoch());
            json.writeNumberField("partition_count", marker.partitionCount());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a json marker " + marker, e);
        }
        return out.toByteArray();
    }

    private static void writeKey(JsonGenerator json, RoutedRecord record) throws IOException {
        List<String> columns = record.shardingColumns().columns();
        if (columns.isEmpty()) {
            json.writeNullField("key");
            return;
        }
        json.writeObjectFieldStart("key");
        List<Object> values = record.key().values();
        for (int i = 0; i < columns.size(); i++) {
            json.writeFieldName(columns.get(i));
            writeValue(json, values.get(i));
        }
        json.writeEndObject();
    }

    private static void writeRow(JsonGenerator json, String field, Row row) throws IOException {
        if (row == null) {
            json.writeNullField(field);
            return;
        }
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Object> column : row.values().entrySet()) {
            json.writeFieldName(column.getKey());
            writeValue(json, column.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
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

    @Override
    public ConsumedRecord read(int partition, long offset, byte[] key, byte[] value, Map<String, byte[]> headers) {
        JsonNode root;
        try {
            root = READER.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("record at partition " + partition + " offset " + offset + " is not json: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.hasNonNull("op") || !root.hasNonNull("db") || !root.hasNonNull("table")) {
            throw new IllegalArgumentException("record at partition " + partition + " offset " + offset
                    + " is not an orderly json record: it needs the fields op, db and table");
        }
        String split = root.path("split").asText(null);
        return new ConsumedRecord(partition, offset, key,
                new TableId(root.get("db").asText(), root.get("table").asText()),
                Operation.fromCode(root.get("op").asText()),
                readRow(root.get("before")),
                readRow(root.get("after")),
                readMark(root.get("txn"), headers),
                split == null ? SplitRole.NONE : SplitRoles.fromName(split));
    }

    private static TransactionMark readMark(JsonNode txn, Map<String, byte[]> headers) {
        if (headers.containsKey(TransactionHeaders.SEQ)) {
            int count = headers.containsKey(TransactionHeaders.COUNT) ? Integer.parseInt(header(headers, TransactionHeaders.COUNT))
                    : TransactionMark.UNKNOWN_COUNT;
            return new TransactionMark(header(headers, TransactionHeaders.ID), Long.parseLong(header(headers, TransactionHeaders.SEQ)),
                    Integer.parseInt(header(headers, TransactionHeaders.INDEX)), count);
        }
        if (txn == null || !txn.isObject()) {
            return null;
        }
        JsonNode count = txn.path("count");
        return new TransactionMark(txn.path("id").asText(), txn.path("seq").asLong(), txn.path("index").asInt(),
                count.isNumber() ? count.asInt() : TransactionMark.UNKNOWN_COUNT);
    }

    private static String header(Map<String, byte[]> headers, String name) {
        byte[] bytes = headers.get(name);
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Row readRow(JsonNode node) {
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

    private static Object readValue(JsonNode node) {
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
