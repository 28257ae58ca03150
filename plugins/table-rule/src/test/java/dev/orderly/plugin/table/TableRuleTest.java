package dev.orderly.plugin.table;

import static dev.orderly.plugin.table.TestingChanges.delete;
import static dev.orderly.plugin.table.TestingChanges.insert;
import static dev.orderly.plugin.table.TestingChanges.insertIntoKeylessTable;
import static dev.orderly.plugin.table.TestingChanges.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.ports.spi.OptionType;
import dev.orderly.ports.spi.PartitionInput;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOption;
import dev.orderly.ports.spi.RuleOptions;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TableRuleTest {

    private final TableRule factory = new TableRule();

    /** Creates the rule as the host does: options validated against the declarations, defaults filled in. */
    private PartitionRule rule(Map<String, ?> configured) {
        return factory.create(RuleOptions.validate(factory, configured));
    }

    @Test
    void declaresItsIdentifierGuaranteeAndOptions() {
        assertThat(factory.identifier()).isEqualTo("table");
        assertThat(factory.guarantee()).isEqualTo(OrderingGuarantee.PER_TABLE);
        assertThat(factory.description()).isNotBlank();
        assertThat(factory.requiredOptions()).isEmpty();
        assertThat(factory.optionalOptions()).containsExactly(TableRule.PIN);
        RuleOption<?> pin = factory.optionalOptions().get(0);
        assertThat(pin.key()).isEqualTo("pin");
        assertThat(pin.type()).isEqualTo(OptionType.STRING_MAP);
        assertThat(pin.defaultValue()).isEqualTo(Map.of());
    }

    @Test
    void pinsNothingByDefault() {
        assertThat(RuleOptions.validate(factory, Map.of()).asMap()).containsExactly(Map.entry("pin", Map.of()));
        assertThat(rule(Map.of()).partition(insert("shop.orders", 1, 8))).isEqualTo(4);
    }

    @Test
    void placesEveryChangeOfATableOnOnePartitionWhateverItsKey() {
        PartitionRule rule = rule(Map.of());

        assertThat(IntStream.rangeClosed(1, 50).mapToObj(id -> rule.partition(insert("shop.customers", id, 8))))
                .containsOnly(7);
        assertThat(rule.partition(update("shop.customers", 99, 8))).isEqualTo(7);
        assertThat(rule.partition(delete("shop.customers", 12345, 8))).isEqualTo(7);
    }

    /** Fixed values of the published hash (docs/HASH.md); shop.orders is one of its test vectors. */
    @ParameterizedTest(name = "{0} of {1} partitions -> {2}")
    @CsvSource({
        "shop.orders,      8,  4",
        "shop.orders,      12, 4",
        "shop.customers,   8,  7",
        "shop.customers,   12, 11",
        "billing.invoices, 8,  2",
        "billing.invoices, 12, 10",
        "billing.invoices, 3,  1",
        "billing.invoices, 1,  0",
    })
    void hashesTheQualifiedTableNameWithThePublishedKeyHash(String table, int partitionCount, int expected) {
        assertThat(rule(Map.of()).partition(insert(table, 1, partitionCount))).isEqualTo(expected);
    }

    @Test
    void placesATableWhereTheHashRulePlacesItWhenItHasNoKeyUnderNoKeyTable() {
        PartitionInput keyless = insertIntoKeylessTable("shop.audit_log", 12);

        assertThat(rule(Map.of()).partition(keyless)).isEqualTo(KeyHash.partition(keyless.key(), 12));
    }

    @Test
    void sendsPinnedTablesToTheirPartitionsAndHashesTheOthers() {
        PartitionRule rule = rule(Map.of("pin", Map.of("shop.orders", "0", "billing.invoices", "7")));

        assertThat(rule.partition(insert("shop.orders", 1, 8))).isZero();
        assertThat(rule.partition(delete("shop.orders", 2, 8))).isZero();
        assertThat(rule.partition(update("billing.invoices", 3, 8))).isEqualTo(7);
        assertThat(rule.partition(insert("shop.customers", 4, 8))).isEqualTo(7);
        assertThat(rule.partition(insert("shop.order_lines", 5, 12))).isEqualTo(11);
    }

    @Test
    void acceptsPinsWrittenAsYamlNumbers() {
        PartitionRule rule = rule(Map.of("pin", Map.of("shop.orders", 3)));

        assertThat(rule.partition(insert("shop.orders", 1, 8))).isEqualTo(3);
    }

    @Test
    void refusesAPinBeyondThePartitionCountNamingTheTableAndTheCount() {
        PartitionRule rule = rule(Map.of("pin", Map.of("shop.orders", "8")));

        assertThat(rule.partition(insert("shop.orders", 1, 9))).isEqualTo(8);
        assertThatThrownBy(() -> rule.partition(insert("shop.orders", 1, 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("partition rule 'table' pins table shop.orders to partition 8, but the topic has 8 partitions (0 to 7); "
                        + "pin the table to a partition below 8 in options.pin, or give the topic more partitions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"first", "1.5", "", "99999999999"})
    void refusesAPinThatIsNotAWholeNumber(String partition) {
        assertThatThrownBy(() -> rule(Map.of("pin", Map.of("shop.orders", partition))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'pin' pins table shop.orders to \"" + partition + "\", but a partition must be a whole number >= 0; "
                        + "write e.g. shop.orders: \"0\"");
    }

    @Test
    void refusesANegativePin() {
        assertThatThrownBy(() -> rule(Map.of("pin", Map.of("shop.orders", "-1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'pin' pins table shop.orders to \"-1\", but a partition must be a whole number >= 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", ".orders", "shop."})
    void refusesAPinnedTableNotWrittenDatabaseDotTable(String table) {
        assertThatThrownBy(() -> rule(Map.of("pin", Map.of(table, "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'pin' has the key \"" + table + "\", but a pinned table must be written database.table, e.g. shop.orders");
    }

    @Test
    void refusesUnknownOptionsListingPin() {
        assertThatThrownBy(() -> rule(Map.of("pins", Map.of("shop.orders", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'pins' is not an option of rule 'table'; its options are [pin]");
    }

    @Test
    void isListedForServiceLoader() {
        assertThat(ServiceLoader.load(PartitionRulePort.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(TableRule.class);
    }
}
