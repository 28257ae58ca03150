package dev.orderly.ports.config;

/** {@code sink.sasl.mechanism}: how orderly proves its identity to Kafka. */
public enum SaslMechanism {
    /** Salted challenge-response (RFC 7677); the password never crosses the network. */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** As {@link #SCRAM_SHA_256} with SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512"),
    /** User name and password sent as they are: only safe inside TLS. */
    PLAIN("PLAIN");

    private final String configValue;

    SaslMechanism(String configValue) {
        this.configValue = configValue;
    }

    /** The mechanism's name as Kafka and the configuration spell it, e.g. {@code SCRAM-SHA-512}. */
    public String configValue() {
        return configValue;
    }
}
