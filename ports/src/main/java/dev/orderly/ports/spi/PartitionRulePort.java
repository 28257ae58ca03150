package dev.orderly.ports.spi;

import dev.orderly.domain.ordering.OrderingGuarantee;
import java.util.List;

/**
 * A partition-rule factory: the plugin SPI. Providers are listed in
 * {@code META-INF/services/dev.orderly.ports.spi.PartitionRulePort} and found through
 * {@link java.util.ServiceLoader}; {@code partition.mode} (or a per-table rule's {@code mode}) names
 * one by its {@link #identifier()}. The built-in {@code one_partition} and {@code hash} are providers
 * like any other.
 *
 * <p>Lifecycle: orderly instantiates each provider once (public no-argument constructor), validates
 * the configured options against {@link #requiredOptions()} and {@link #optionalOptions()}, then calls
 * {@link #create} once per configured use. Threading: methods may be called from any thread; they
 * must not block. New methods of this interface will always come with a default.
 */
@Stable
public interface PartitionRulePort {

    /** The name users write in {@code mode:}; lower case, digits, {@code _} and {@code -}; unique among loaded rules. */
    String identifier();

    /** One line for {@code orderly plugins}; never {@code null}. */
    default String description() {
        return "";
    }

    /**
     * The order the created rules promise. {@link OrderingGuarantee#PER_KEY} rules get updates that
     * change the sharding key split into a DELETE and an INSERT (H3), and need a sharding key for
     * every table (the {@code no-key} policy applies).
     */
    OrderingGuarantee guarantee();

    /** Options that must be configured; never {@code null}. */
    default List<RuleOption<?>> requiredOptions() {
        return List.of();
    }

    /** Options that may be configured, with their defaults; never {@code null}. */
    default List<RuleOption<?>> optionalOptions() {
        return List.of();
    }

    /**
     * Creates a rule for the given, already validated options.
     *
     * @param options a value for every required option and every optional option (its default when not configured)
     * @throws IllegalArgumentException when the options are inconsistent; the message is shown to the user with the rule's name
     */
    PartitionRule create(RuleOptions options);
}
