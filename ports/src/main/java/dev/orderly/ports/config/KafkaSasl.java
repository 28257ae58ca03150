package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code sink.sasl:} of the configuration: orderly authenticates to Kafka with a user name and password.
 *
 * @param mechanism the SASL mechanism
 * @param username the Kafka user
 * @param password its password (from the environment or a file; never logged)
 */
public record KafkaSasl(SaslMechanism mechanism, String username, String password) {

    public KafkaSasl {
        requireNonNull(mechanism, "mechanism is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
    }

    @Override
    public String toString() {
        return "KafkaSasl[mechanism=" + mechanism.configValue() + ", username=" + username + ", password=***]";
    }
}
