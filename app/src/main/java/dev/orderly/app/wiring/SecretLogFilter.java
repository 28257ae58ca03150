package dev.orderly.app.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.OrderlySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps the configuration's secrets out of the log, whatever the log level and whoever logs: a log
 * line that would show one is dropped and replaced by a line that says so. The libraries orderly
 * uses mostly mask passwords, but not always: Debezium's embedded engine, for one, logs its whole
 * connector configuration, database password included, at DEBUG.
 *
 * <p>Works when logback is the SLF4J binding (it is the application's); the filter is added to
 * logback's context, so it holds even under a user's own logback configuration. Secrets shorter
 * than {@value #SHORTEST_FILTERED} characters are not filtered: they would drop ordinary lines.
 * Thread-safe.
 */
final class SecretLogFilter extends TurboFilter {

    static final int SHORTEST_FILTERED = 4;

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private SecretLogFilter() {
    }

    /** Filters the secrets of {@code settings} from now on: the source, SASL and TLS passwords. */
    static void hide(OrderlySettings settings) {
        List<String> secrets = new ArrayList<>();
        secrets.add(settings.source().password());
        settings.source().tls().truststore().map(KeyStoreFile::password).ifPresent(secrets::add);
        settings.sink().sasl().ifPresent(sasl -> secrets.add(sasl.password()));
        settings.sink().tls().ifPresent(tls -> {
            tls.truststore().map(KeyStoreFile::password).ifPresent(secrets::add);
            tls.keystore().map(KeyStoreFile::password).ifPresent(secrets::add);
            secrets.add(tls.keyPassword());
        });
        secrets.stream().filter(secret -> secret.length() >= SHORTEST_FILTERED).forEach(SECRETS::add);
        install();
    }

    /** Whether {@code text} shows a secret handed to {@link #hide}. */
    static boolean showsSecret(String text) {
        return text != null && SECRETS.stream().anyMatch(text::contains);
    }

    private static synchronized void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (context.getTurboFilterList().stream().noneMatch(SecretLogFilter.class::isInstance)) {
            SecretLogFilter filter = new SecretLogFilter();
            filter.setName("orderly-secrets");
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable throwable) {
        // Only lines that will be written are checked (the effective level, not isEnabledFor: that would call this filter again).
        if (SECRETS.isEmpty() || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        FormattingTuple formatted = format == null ? null : MessageFormatter.arrayFormat(format, params);
        boolean secret = formatted != null && showsSecret(formatted.getMessage());
        // A throwable given as the last parameter is the line's exception: logback takes it from there.
        Throwable exception = throwable != null ? throwable : formatted == null ? null : formatted.getThrowable();
        for (Throwable cause = exception; cause != null && !secret; cause = cause.getCause()) {
            secret = showsSecret(cause.toString());
        }
        if (!secret) {
            return FilterReply.NEUTRAL;
        }
        LoggerFactory.getLogger(SecretLogFilter.class).warn("A {} line of {} was not logged because it showed a secret of the configuration{}", level,
                logger.getName(), exception == null ? "" : " (its exception: " + exception.getClass().getName() + ")");
        return FilterReply.DENY;
    }
}
