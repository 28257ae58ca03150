package dev.orderly.ports.config;

/** The delivery guarantee of DESIGN.md §1 (D1, D2). */
public enum DeliveryMode {
    AT_LEAST_ONCE("at-least-once"),
    EXACTLY_ONCE("exactly-once");

    private final String configValue;

    DeliveryMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
