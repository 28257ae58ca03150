package dev.orderly.adapter.debezium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderly.domain.change.SourcePosition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a Debezium source partition and offset into an opaque {@link SourcePosition} and back. The
 * token is JSON: {@code {"partition": {...}, "offset": {...}}}.
 */
final class PositionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Map<String, Object>>> TOKEN = new TypeReference<>() {
    };

    private PositionCodec() {
    }

    static SourcePosition encode(Map<String, ?> partition, Map<String, ?> offset) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("partition", partition);
        token.put("offset", offset);
        try {
            return new SourcePosition(JSON.writeValueAsString(token), describe(offset));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode source offset " + offset, e);
        }
    }

    /** The Debezium offset map of a position. */
    static Map<String, Object> offset(SourcePosition position) {
        return decode(position).get("offset");
    }

    /** The offset map as JSON bytes, as Connect's schemaless JSON converter stores it. */
    static byte[] offsetBytes(SourcePosition position) {
        try {
            return JSON.writeValueAsBytes(offset(position));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode source offset of " + position, e);
        }
    }

    private static Map<String, Map<String, Object>> decode(SourcePosition position) {
        try {
            Map<String, Map<String, Object>> token = JSON.readValue(position.token(), TOKEN);
            if (token.get("offset") == null) {
                throw new IllegalArgumentException("checkpoint position has no offset: " + position.token());
            }
            return token;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("checkpoint position is not a Debezium position: " + position.token(), e);
        }
    }

    private static String describe(Map<String, ?> offset) {
        StringBuilder text = new StringBuilder().append(offset.get("file")).append(':').append(offset.get("pos"));
        Object gtids = offset.get("gtids");
        if (gtids != null) {
            text.append(" gtids=").append(gtids);
        }
        return text.toString();
    }
}
