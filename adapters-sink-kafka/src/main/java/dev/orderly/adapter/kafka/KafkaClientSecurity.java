package dev.orderly.adapter.kafka;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.config.KafkaSasl;
import dev.orderly.ports.config.KafkaTls;
import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.SaslMechanism;
import dev.orderly.ports.config.SinkSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * The one place that turns {@code sink.tls} and {@code sink.sasl} into Kafka client settings; every
 * producer, admin client and consumer orderly builds from the sink settings takes them from here.
 *
 * <p>The security protocol follows from what is configured: TLS and SASL give {@code SASL_SSL},
 * SASL alone {@code SASL_PLAINTEXT}, TLS alone {@code SSL}, neither {@code PLAINTEXT}. Passwords go
 * into settings of Kafka's password type ({@code ssl.*.password}, {@code sasl.jaas.config}), which
 * the clients log as {@code [hidden]}.
 */
public final class KafkaClientSecurity {

    private KafkaClientSecurity() {
    }

    /** The security settings of a client of the sink's cluster. */
    public static Map<String, Object> properties(SinkSettings settings) {
        return properties(requireNonNull(settings, "settings is null").tls(), settings.sasl());
    }

    /** The security settings for the given TLS and SASL; just {@code security.protocol=PLAINTEXT} for neither. */
    public static Map<String, Object> properties(Optional<KafkaTls> tls, Optional<KafkaSasl> sasl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol(tls, sasl).name);
        tls.ifPresent(configured -> {
            configured.truststore().ifPresent(store -> {
                properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, store.path().toString());
                properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, store.type().configValue());
                putPassword(properties, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, store);
            });
            configured.keystore().ifPresent(store -> {
                properties.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, store.path().toString());
                properties.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, store.type().configValue());
                putPassword(properties, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, store);
            });
            if (!configured.keyPassword().isEmpty()) {
                properties.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, configured.keyPassword());
            }
        });
        sasl.ifPresent(configured -> {
            properties.put(SaslConfigs.SASL_MECHANISM, configured.mechanism().configValue());
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(configured));
        });
        return properties;
    }

    /** TLS and SASL: SASL_SSL; SASL alone: SASL_PLAINTEXT; TLS alone: SSL; neither: PLAINTEXT. */
    static SecurityProtocol securityProtocol(Optional<KafkaTls> tls, Optional<KafkaSasl> sasl) {
        if (sasl.isPresent()) {
            return tls.isPresent() ? SecurityProtocol.SASL_SSL : SecurityProtocol.SASL_PLAINTEXT;
        }
        return tls.isPresent() ? SecurityProtocol.SSL : SecurityProtocol.PLAINTEXT;
    }

    /**
     * The client's JAAS configuration: the mechanism's login module with the user name and password
     * as quoted options. Inside quotes Kafka's parser takes {@code \"} and {@code \\} as escapes, so
     * both are escaped; every other character stands for itself.
     */
    static String jaasConfig(KafkaSasl sasl) {
        String loginModule = sasl.mechanism() == SaslMechanism.PLAIN ? PlainLoginModule.class.getName() : ScramLoginModule.class.getName();
        return loginModule + " required username=" + quoted(sasl.username()) + " password=" + quoted(sasl.password()) + ";";
    }

    /**
     * What a client's failure to authenticate means for the operator, naming the brokers, the mechanism
     * and the user but never the password; empty when {@code failure} is not an authentication failure.
     *
     * @param failure what the client threw, or its cause
     */
    public static Optional<IllegalStateException> explain(Throwable failure, SinkSettings settings) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SslAuthenticationException) {
                return Optional.of(new IllegalStateException("the TLS handshake with Kafka at " + settings.bootstrapServers() + " failed ("
                        + cause.getMessage() + "). Check sink.tls.truststore: it must hold the authority that signed the brokers' certificates,"
                        + " and those certificates must name the hosts of sink.bootstrap-servers; check that these brokers' listeners speak TLS.",
                        cause));
            }
            if (cause instanceof AuthenticationException && settings.sasl().isPresent()) {
                KafkaSasl sasl = settings.sasl().get();
                String mechanism = sasl.mechanism().configValue();
                return Optional.of(new IllegalStateException("Kafka at " + settings.bootstrapServers() + " refused orderly's credentials: SASL "
                        + mechanism + " authentication of user '" + sasl.username() + "' failed (" + cause.getMessage() + "). Check"
                        + " sink.sasl.username and sink.sasl.password (the password is never shown), and that user '" + sasl.username() + "' has "
                        + mechanism + " credentials on the brokers.", cause));
            }
        }
        return Optional.empty();
    }

    private static void putPassword(Map<String, Object> properties, String key, KeyStoreFile store) {
        if (!store.password().isEmpty()) {
            properties.put(key, store.password());
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
