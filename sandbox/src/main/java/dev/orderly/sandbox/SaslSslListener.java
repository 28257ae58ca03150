package dev.orderly.sandbox;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * The SASL_SSL listener of a broker started with {@link EmbeddedKafka#startSecured}: where clients
 * connect, the truststore that makes them trust the broker's self-signed certificate, and the SCRAM
 * user created at format time (for SCRAM-SHA-256 and SCRAM-SHA-512).
 *
 * @param bootstrapServers {@code 127.0.0.1:<port>} of the SASL_SSL listener
 * @param truststore a PKCS12 truststore holding the broker's certificate (which names
 *     {@code 127.0.0.1} and {@code localhost})
 * @param truststorePassword its password
 * @param user the SCRAM user
 * @param password the SCRAM user's password
 */
public record SaslSslListener(String bootstrapServers, Path truststore, String truststorePassword, String user, String password) {

    public SaslSslListener {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(truststore, "truststore is null");
        requireNonNull(truststorePassword, "truststorePassword is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    /** Settings for a Kafka client of this listener that logs in as {@link #user()} with SCRAM-SHA-512. */
    public Map<String, Object> clientProperties() {
        return Map.of(
                "bootstrap.servers", bootstrapServers,
                "security.protocol", "SASL_SSL",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", truststorePassword,
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
    }

    @Override
    public String toString() {
        return "SaslSslListener[bootstrapServers=" + bootstrapServers + ", truststore=" + truststore + ", user=" + user + "]";
    }
}
