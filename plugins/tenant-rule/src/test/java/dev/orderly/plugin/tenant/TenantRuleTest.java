package dev.orderly.plugin.tenant;

import static dev.orderly.plugin.tenant.TestingChanges.ORDERS;
import static dev.orderly.plugin.tenant.TestingChanges.delete;
import static dev.orderly.plugin.tenant.TestingChanges.insert;
import static dev.orderly.plugin.tenant.TestingChanges.input;
import static dev.orderly.plugin.tenant.TestingChanges.order;
import static dev.orderly.plugin.tenant.TestingChanges.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.ports.spi.OptionType;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOptions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantRuleTest {

    private final TenantRule factory = new TenantRule();

    /** Creates the rule as the host does: options validated against the declarations, defaults filled in. */
    private PartitionRule rule(Map<String, ?> configured) {
        return factory.create(RuleOptions.validate(factory, configured));
    }

    private PartitionRule rule(Map<String, String> map, String fallback) {
        return rule(Map.of("column", "tenant_id", "map", map, "fallback", fallback));
    }

    @Test
    void declaresItsIdentifierGuaranteeAndOptions() {
        assertThat(factory.identifier()).isEqualTo("tenant");
        assertThat(factory.guarantee()).isEqualTo(OrderingGuarantee.PER_KEY);
        assertThat(factory.description()).isNotBlank();
        assertThat(factory.requiredOptions()).singleElement().satisfies(column -> {
            assertThat(column.key()).isEqualTo("column");
            assertThat(column.type()).isEqualTo(OptionType.STRING);
        });
        assertThat(factory.optionalOptions()).extracting(option -> option.key(), option -> option.type(), option -> option.defaultValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("map", OptionType.STRING_MAP, Map.of()),
                        org.assertj.core.groups.Tuple.tuple("fallback", OptionType.STRING, "hash"));
    }

    @Test
    void requiresTheColumnOption() {
        assertThatThrownBy(() -> rule(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'column' is required by rule 'tenant' (string: the column that holds the tenant; every row of the rule's tables must have it)");
    }

    @Test
    void defaultsToNoMapAndTheHashOfTheShardingKey() {
        assertThat(RuleOptions.validate(factory, Map.of("column", "tenant_id")).asMap())
                .containsExactly(Map.entry("column", "tenant_id"), Map.entry("map", Map.of()), Map.entry("fallback", "hash"));
        PartitionRule rule = rule(Map.of("column", "tenant_id"));

        // Fixed values of the published hash (docs/HASH.md) of the keys [1], [2], [3] and [5] over 8 partitions.
        assertThat(rule.partition(insert(1, "acme", 8))).isEqualTo(1);
        assertThat(rule.partition(insert(2, "acme", 8))).isZero();
        assertThat(rule.partition(insert(3, "globex", 8))).isEqualTo(6);
        assertThat(rule.partition(insert(5, "globex", 8))).isEqualTo(5);
    }

    @Test
    void hashesAComposedShardingKeyAsPublished() {
        Row row = Row.of(Map.of("id", 7L, "region", "eu-west", "tenant_id", "acme"));
        PartitionRule rule = rule(Map.of("column", "tenant_id"));

        // The test vector [7,"eu-west"] of docs/HASH.md: partition 3 of 8.
        assertThat(rule.partition(input(ChangeEvent.insert(ORDERS, row, Map.of()), List.of("id", "region"), 8))).isEqualTo(3);
    }

    @Test
    void sendsEveryKeyOfAMappedTenantToItsPartition() {
        PartitionRule rule = rule(Map.of("acme", "0", "globex", "5"), "hash");

        assertThat(LongStream.rangeClosed(1, 50).mapToObj(id -> rule.partition(insert(id, "acme", 8)))).containsOnly(0);
        assertThat(LongStream.rangeClosed(1, 50).mapToObj(id -> rule.partition(insert(id, "globex", 8)))).containsOnly(5);
        assertThat(rule.partition(insert(1, "initech", 8))).isEqualTo(1);
        assertThat(rule.partition(insert(2, "initech", 8))).isZero();
    }

    /** Fixed values of the published hash of the tenant as a one-value key; [42] and [null] are test vectors of docs/HASH.md. */
    @ParameterizedTest(name = "tenant {0} of {1} partitions -> {2}")
    @CsvSource({
        "acme,    8,  6",
        "acme,    12, 2",
        "globex,  8,  3",
        "globex,  12, 11",
        "initech, 12, 0",
    })
    void placesAnUnmappedTenantByTheHashOfItsValueUnderTenantHash(String tenant, int partitionCount, int expected) {
        PartitionRule rule = rule(Map.of(), "tenant-hash");

        assertThat(LongStream.rangeClosed(1, 20).mapToObj(id -> rule.partition(insert(id, tenant, partitionCount)))).containsOnly(expected);
    }

    @Test
    void hashesNumericTenantsByTheirCanonicalEncodingUnderTenantHash() {
        PartitionRule rule = rule(Map.of(), "tenant-hash");

        assertThat(rule.partition(insert(1, 42L, 8))).isEqualTo(5);
        assertThat(rule.partition(insert(2, 42, 8))).isEqualTo(5);
        assertThat(rule.partition(insert(3, new BigDecimal("1.50"), 12))).isEqualTo(10);
    }

    @Test
    void stillHonoursTheMapUnderTenantHash() {
        PartitionRule rule = rule(Map.of("acme", "1"), "tenant-hash");

        assertThat(rule.partition(insert(1, "acme", 8))).isEqualTo(1);
        assertThat(rule.partition(insert(1, "globex", 8))).isEqualTo(3);
    }

    @Test
    void matchesNumericTenantsByTheirText() {
        PartitionRule rule = rule(Map.of("42", "1", "1.5", "2", "true", "3"), "hash");

        assertThat(rule.partition(insert(2, 42L, 8))).isEqualTo(1);
        assertThat(rule.partition(insert(2, 42, 8))).isEqualTo(1);
        assertThat(rule.partition(insert(2, "42", 8))).isEqualTo(1);
        assertThat(rule.partition(insert(2, new BigDecimal("1.50"), 8))).isEqualTo(2);
        assertThat(rule.partition(insert(2, true, 8))).isEqualTo(3);
    }

    @Test
    void acceptsMapKeysAndValuesWrittenAsYamlNumbers() {
        PartitionRule rule = rule(Map.of("column", "tenant_id", "map", Map.of(42, 3)));

        assertThat(rule.partition(insert(1, 42L, 8))).isEqualTo(3);
    }

    @Test
    void sendsANullTenantToTheFallbackEvenWhenNullIsMapped() {
        assertThat(rule(Map.of("null", "7"), "hash").partition(insert(2, null, 8))).isZero();
        // [null] is a test vector of docs/HASH.md: partition 2 of 8.
        assertThat(rule(Map.of("null", "7"), "tenant-hash").partition(insert(2, null, 8))).isEqualTo(2);
    }

    @Test
    void placesADeleteByItsBeforeImage() {
        PartitionRule rule = rule(Map.of("acme", "4"), "hash");

        assertThat(rule.partition(delete(1, "acme", 8))).isEqualTo(4);
    }

    @Test
    void placesEachHalfOfAKeyChangeByItsOwnTenant() {
        PartitionRule rule = rule(Map.of("acme", "4", "globex", "6"), "hash");
        List<String> shardingColumns = List.of("tenant_id", "id");

        // What the host makes of an update that moves order 1 from acme to globex when tenant_id is a sharding column.
        assertThat(rule.partition(input(ChangeEvent.delete(ORDERS, order(1, "acme"), Map.of()), shardingColumns, 8))).isEqualTo(4);
        assertThat(rule.partition(input(ChangeEvent.insert(ORDERS, order(1, "globex"), Map.of()), shardingColumns, 8))).isEqualTo(6);
    }

    @Test
    void placesAnUpdateThatKeepsItsTenant() {
        PartitionRule rule = rule(Map.of("acme", "4"), "hash");

        assertThat(rule.partition(update(1, "acme", "acme", 8))).isEqualTo(4);
        assertThat(rule.partition(update(1, "globex", "globex", 8))).isEqualTo(1);
    }

    @Test
    void allowsAnUpdateThatChangesTheTenantWhenItsKeyStaysOnItsPartition() {
        PartitionRule rule = rule(Map.of("acme", "4"), "hash");

        assertThat(rule.partition(update(1, "globex", "initech", 8))).isEqualTo(1);
    }

    @Test
    void refusesAnUpdateThatMovesItsKeyToATenantOnAnotherPartition() {
        PartitionRule rule = rule(Map.of("acme", "4"), "hash");

        assertThatThrownBy(() -> rule.partition(update(1, "acme", "globex", 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("partition rule 'tenant': an update of shop.orders moves key [1] from tenant \"acme\" (partition 4) to tenant \"globex\" "
                        + "(partition 1), which would let its later changes overtake earlier ones. Make tenant_id one of the sharding columns "
                        + "of shop.orders (partition.rules[].sharding-columns), so that such an update is split into a delete and an insert");
        assertThatThrownBy(() -> rule(Map.of(), "tenant-hash").partition(update(1, "acme", "globex", 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("partition rule 'tenant': an update of shop.orders moves key [1] from tenant \"acme\" (partition 6) "
                        + "to tenant \"globex\" (partition 3)");
    }

    @Test
    void refusesAChangeWithoutTheTenantColumnNamingTableAndColumn() {
        PartitionRule rule = rule(Map.of("column", "customer_tenant"));

        assertThatThrownBy(() -> rule.partition(insert(1, "acme", 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition rule 'tenant': a change of shop.orders has no tenant column 'customer_tenant' (option column); "
                        + "its columns are [id, tenant_id, total]. Set column to a column every table of this rule has, "
                        + "or give shop.orders another rule");
    }

    @Test
    void refusesAMappedPartitionBeyondThePartitionCountNamingTheTenantAndTheCount() {
        PartitionRule rule = rule(Map.of("acme", "8"), "hash");

        assertThat(rule.partition(insert(1, "acme", 9))).isEqualTo(8);
        assertThatThrownBy(() -> rule.partition(insert(1, "acme", 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("partition rule 'tenant' maps tenant \"acme\" to partition 8, but the topic has 8 partitions (0 to 7); "
                        + "map the tenant to a partition below 8 in options.map, or give the topic more partitions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zero", "1.5", "", "99999999999"})
    void refusesAMappedPartitionThatIsNotAWholeNumberNamingTheTenant(String partition) {
        assertThatThrownBy(() -> rule(Map.of("acme", partition), "hash"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'map' maps tenant \"acme\" to \"" + partition + "\", but a partition must be a whole number >= 0; "
                        + "write e.g. \"acme\": \"0\"");
    }

    @Test
    void refusesANegativeMappedPartition() {
        assertThatThrownBy(() -> rule(Map.of("acme", "-2"), "hash"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'map' maps tenant \"acme\" to \"-2\", but a partition must be a whole number >= 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant_hash", "HASH", "round-robin", ""})
    void refusesAnUnknownFallback(String fallback) {
        assertThatThrownBy(() -> rule(Map.of(), fallback))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'fallback' must be one of hash, tenant-hash but got \"" + fallback + "\"");
    }

    @Test
    void refusesABlankColumn() {
        assertThatThrownBy(() -> rule(Map.of("column", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'column' must name the tenant column but got \" \"");
    }

    @Test
    void isListedForServiceLoader() {
        assertThat(ServiceLoader.load(PartitionRulePort.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(TenantRule.class);
    }
}
