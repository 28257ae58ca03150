package dev.orderly.plugin.tenant;

import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.ports.spi.OptionType;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOption;
import dev.orderly.ports.spi.RuleOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tenant}: a change goes to the partition its tenant is mapped to (option {@code map}); a change of
 * an unmapped tenant follows option {@code fallback}, the hash of its sharding key ({@code hash}) or of
 * its tenant value ({@code tenant-hash}).
 *
 * <p>Guarantee: {@link OrderingGuarantee#PER_KEY}, on the precondition that a key's tenant never changes,
 * which is certain when the tenant column is one of the sharding columns (then an update that changes the
 * tenant changes the key and is split into a delete and an insert). An update that moves a key to a
 * tenant on another partition would break per-key order, so the created rule refuses it with
 * {@link IllegalStateException} instead of placing it.
 */
public final class TenantRule implements PartitionRulePort {

    public static final String IDENTIFIER = "tenant";

    static final RuleOption<String> COLUMN = RuleOption.required("column", OptionType.STRING,
            "the column that holds the tenant; every row of the rule's tables must have it");
    static final RuleOption<Map<String, String>> MAP = RuleOption.optional("map", OptionType.STRING_MAP, Map.of(),
            "a tenant (its value as text) to a fixed partition number, e.g. {acme: \"0\"}");
    static final RuleOption<String> FALLBACK = RuleOption.optional("fallback", OptionType.STRING, TenantFallback.HASH.configValue(),
            "where unmapped tenants go: hash (hash of the sharding key) or tenant-hash (hash of the tenant, so its rows share a partition)");

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public String description() {
        return "by a tenant column: mapped tenants to fixed partitions, others by hash; per-key order while a key keeps its tenant";
    }

    @Override
    public OrderingGuarantee guarantee() {
        return OrderingGuarantee.PER_KEY;
    }

    @Override
    public List<RuleOption<?>> requiredOptions() {
        return List.of(COLUMN);
    }

    @Override
    public List<RuleOption<?>> optionalOptions() {
        return List.of(MAP, FALLBACK);
    }

    /** @throws IllegalArgumentException when the column is blank, a mapped partition is not a whole number >= 0, or the fallback is unknown */
    @Override
    public PartitionRule create(RuleOptions options) {
        String column = options.get(COLUMN);
        if (column.isBlank()) {
            throw new IllegalArgumentException("'" + COLUMN.key() + "' must name the tenant column but got \"" + column + "\"");
        }
        return new TenantPlacement(column, partitions(options.get(MAP)), TenantFallback.parse(options.get(FALLBACK)));
    }

    private static Map<String, Integer> partitions(Map<String, String> configured) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        configured.forEach((tenant, partition) -> partitions.put(tenant, mappedPartition(tenant, partition)));
        return partitions;
    }

    private static int mappedPartition(String tenant, String partition) {
        int number;
        try {
            number = Integer.parseInt(partition.trim());
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0) {
            throw new IllegalArgumentException("'" + MAP.key() + "' maps tenant \"" + tenant + "\" to \"" + partition
                    + "\", but a partition must be a whole number >= 0; write e.g. \"" + tenant + "\": \"0\"");
        }
        return number;
    }
}
