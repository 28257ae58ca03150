package dev.orderly.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.KafkaSasl;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.OversizedPolicy;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SaslMechanism;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No log line shows a password of the configuration, at any level, from any logger. */
class SecretLogFilterTest {

    private static final String DATABASE_PASSWORD = "db-pass-4f1c";
    private static final String SASL_PASSWORD = "sasl-pass-77e2";

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.debezium.embedded.async.AsyncEmbeddedEngine");
    private final Logger filterLogger = (Logger) LoggerFactory.getLogger(SecretLogFilter.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void setUp() {
        SecretLogFilter.hide(settings());
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
        filterLogger.addAppender(appender);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(appender);
        filterLogger.detachAppender(appender);
        logger.setLevel(previousLevel);
    }

    @Test
    void aLineThatShowsASecretIsReplacedByOneThatSaysSo() {
        logger.debug("Config #{}: {}", 0, Map.of("database.password", DATABASE_PASSWORD, "database.user", "cdc"));

        assertThat(messages()).containsExactly("A DEBUG line of io.debezium.embedded.async.AsyncEmbeddedEngine was not logged because it showed"
                + " a secret of the configuration");
    }

    @Test
    void anExceptionThatShowsASecretIsDroppedWithItsLine() {
        logger.warn("login failed", new IllegalStateException("wrapper", new IllegalArgumentException("bad password " + SASL_PASSWORD)));

        assertThat(messages()).singleElement().asString().endsWith("(its exception: java.lang.IllegalStateException)");
    }

    @Test
    void otherLinesPass() {
        logger.info("connected as {}", "cdc");

        assertThat(messages()).containsExactly("connected as cdc");
    }

    private List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static OrderlySettings settings() {
        SourceSettings source = new SourceSettings(SourceType.MYSQL, "db", 3306, "cdc", DATABASE_PASSWORD, 1, List.of(TableId.parse("shop.orders")),
                Map.of());
        SinkSettings sink = new SinkSettings("k:9093", "t", 1, DeliveryMode.AT_LEAST_ONCE, Map.of(), SinkSettings.DEFAULT_OUTAGE_TIMEOUT,
                SinkSettings.DEFAULT_OFFSETS_TOPIC, SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS, OversizedPolicy.FAIL, Optional.empty(),
                Optional.of(new KafkaSasl(SaslMechanism.SCRAM_SHA_256, "orderly", SASL_PASSWORD)));
        return new OrderlySettings("p", Path.of("state"), source, sink, new PartitionSettings("hash", Map.of(), NoKeyPolicy.FAIL), "json");
    }
}
