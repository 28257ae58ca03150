package dev.orderly.ports.config;

/** {@code sink.oversized}: what happens to a record larger than the topic accepts. */
public enum OversizedPolicy {
    /** Stop with an error naming the table, key and size; the committed position stays before the record's transaction. */
    FAIL("fail"),
    /** Write the record's key with a small marker value in its place, so that its partition keeps its order. */
    KEY_ONLY("key-only");

    private final String configValue;

    OversizedPolicy(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
