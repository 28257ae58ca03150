package dev.orderly.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.KafkaSasl;
import dev.orderly.ports.config.KafkaTls;
import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.KeyStoreType;
import dev.orderly.ports.config.OversizedPolicy;
import dev.orderly.ports.config.SaslMechanism;
import dev.orderly.ports.config.SinkSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    private static final String PASSWORD = "pa\"ss\\wo rd;}={x";
    private static final KafkaSasl SCRAM = new KafkaSasl(SaslMechanism.SCRAM_SHA_512, "orderly", PASSWORD);
    private static final KafkaTls TLS = new KafkaTls(Optional.of(new KeyStoreFile(Path.of("/etc/orderly/trust.p12"), KeyStoreType.PKCS12, "trust-pw")),
            Optional.of(new KeyStoreFile(Path.of("/etc/orderly/me.jks"), KeyStoreType.JKS, "store-pw")), "key-pw");

    @Test
    void theSecurityProtocolFollowsFromWhatIsConfigured() {
        assertThat(KafkaClientSecurity.properties(Optional.empty(), Optional.empty())).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
        assertThat(KafkaClientSecurity.properties(Optional.of(KafkaTls.DEFAULT_TRUST), Optional.empty())).containsExactly(
                Map.entry("security.protocol", "SSL"));
        assertThat(KafkaClientSecurity.properties(Optional.empty(), Optional.of(SCRAM))).containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(KafkaClientSecurity.properties(Optional.of(TLS), Optional.of(SCRAM))).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void storesAndPasswordsBecomeSslSettings() {
        assertThat(KafkaClientSecurity.properties(Optional.of(TLS), Optional.empty())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.location", "/etc/orderly/trust.p12",
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", "trust-pw",
                "ssl.keystore.location", "/etc/orderly/me.jks",
                "ssl.keystore.type", "JKS",
                "ssl.keystore.password", "store-pw",
                "ssl.key.password", "key-pw"));
    }

    @Test
    void aPemTruststoreHasNoPassword() {
        KafkaTls pem = new KafkaTls(Optional.of(new KeyStoreFile(Path.of("/ca.pem"), KeyStoreType.PEM, "")), Optional.empty(), "");

        assertThat(KafkaClientSecurity.properties(Optional.of(pem), Optional.empty())).containsEntry("ssl.truststore.type", "PEM")
                .doesNotContainKey("ssl.truststore.password");
    }

    @Test
    void theJaasConfigurationCarriesUserAndPasswordExactlyAsKafkaParsesThem() {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            String jaas = (String) KafkaClientSecurity.properties(Optional.of(TLS), Optional.of(new KafkaSasl(mechanism, "or\"der ly", PASSWORD)))
                    .get("sasl.jaas.config");

            AppConfigurationEntry entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries().get(0);

            assertThat(entry.getLoginModuleName()).isEqualTo(mechanism == SaslMechanism.PLAIN
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule" : "org.apache.kafka.common.security.scram.ScramLoginModule");
            assertThat(entry.getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
            assertThat(Map.copyOf(entry.getOptions())).isEqualTo(Map.of("username", "or\"der ly", "password", PASSWORD));
        }
    }

    @Test
    void theProducerGetsTheSecuritySettingsAndKafkaHidesThePasswordsWhenItPrintsThem() {
        Map<String, Object> producer = KafkaSink.producerSettings(settings(Optional.of(TLS), Optional.of(SCRAM)), "id");
        producer.put("key.serializer", ByteArraySerializer.class);
        producer.put("value.serializer", ByteArraySerializer.class);

        ProducerConfig config = new ProducerConfig(producer);

        assertThat(producer).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(config.values().toString()).doesNotContain("trust-pw", "store-pw", "key-pw", "wo rd").contains("[hidden]");
    }

    @Test
    void aRefusedLoginIsExplainedWithMechanismAndUserButNotThePassword() {
        SinkSettings settings = settings(Optional.of(TLS), Optional.of(SCRAM));

        IllegalStateException explained = KafkaClientSecurity.explain(new RuntimeException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")), settings).orElseThrow();

        assertThat(explained).hasMessageStartingWith("Kafka at broker1:9093 refused orderly's credentials: SASL SCRAM-SHA-512 authentication of"
                + " user 'orderly' failed (Authentication failed").hasMessageContaining("sink.sasl.password").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aFailedHandshakeIsExplainedWithTheTruststore() {
        IllegalStateException explained = KafkaClientSecurity.explain(new SslAuthenticationException("SSL handshake failed"),
                settings(Optional.of(TLS), Optional.empty())).orElseThrow();

        assertThat(explained).hasMessageStartingWith("the TLS handshake with Kafka at broker1:9093 failed (SSL handshake failed). Check sink.tls.truststore");
        assertThat(KafkaClientSecurity.explain(new IllegalStateException("other"), settings(Optional.empty(), Optional.empty()))).isEmpty();
    }

    private static SinkSettings settings(Optional<KafkaTls> tls, Optional<KafkaSasl> sasl) {
        return new SinkSettings("broker1:9093", "t", 1, DeliveryMode.AT_LEAST_ONCE, Map.of(), SinkSettings.DEFAULT_OUTAGE_TIMEOUT,
                SinkSettings.DEFAULT_OFFSETS_TOPIC, SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS, OversizedPolicy.FAIL, tls, sasl);
    }
}
