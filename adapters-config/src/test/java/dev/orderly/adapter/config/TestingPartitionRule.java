package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.ports.spi.OptionType;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOption;
import dev.orderly.ports.spi.RuleOptions;
import java.util.List;
import java.util.Map;

/** A partition-rule factory that declares what a test needs; the rules it creates put everything on partition 0. */
final class TestingPartitionRule implements PartitionRulePort {

    static final RuleOption<String> TENANT_COLUMN = RuleOption.required("column", OptionType.STRING, "the column that names the tenant");
    static final RuleOption<Map<String, String>> TENANT_MAP = RuleOption.optional("map", OptionType.STRING_MAP, Map.of(),
            "tenant to partition");
    static final RuleOption<String> TENANT_FALLBACK = RuleOption.optional("fallback", OptionType.STRING, "hash",
            "the rule for tenants not in map");

    private final String identifier;
    private final OrderingGuarantee guarantee;
    private final List<RuleOption<?>> requiredOptions;
    private final List<RuleOption<?>> optionalOptions;

    TestingPartitionRule(String identifier, OrderingGuarantee guarantee, List<RuleOption<?>> requiredOptions, List<RuleOption<?>> optionalOptions) {
        this.identifier = requireNonNull(identifier, "identifier is null");
        this.guarantee = requireNonNull(guarantee, "guarantee is null");
        this.requiredOptions = List.copyOf(requiredOptions);
        this.optionalOptions = List.copyOf(optionalOptions);
    }

    /** A rule without options. */
    static TestingPartitionRule withoutOptions(String identifier, OrderingGuarantee guarantee) {
        return new TestingPartitionRule(identifier, guarantee, List.of(), List.of());
    }

    /** {@code tenant}: a required {@code column}, an optional {@code map} (default empty) and {@code fallback} (default hash). */
    static TestingPartitionRule tenant() {
        return new TestingPartitionRule("tenant", OrderingGuarantee.PER_KEY, List.of(TENANT_COLUMN), List.of(TENANT_MAP, TENANT_FALLBACK));
    }

    @Override
    public String identifier() {
        return identifier;
    }

    @Override
    public OrderingGuarantee guarantee() {
        return guarantee;
    }

    @Override
    public List<RuleOption<?>> requiredOptions() {
        return requiredOptions;
    }

    @Override
    public List<RuleOption<?>> optionalOptions() {
        return optionalOptions;
    }

    @Override
    public PartitionRule create(RuleOptions options) {
        return input -> 0;
    }
}
