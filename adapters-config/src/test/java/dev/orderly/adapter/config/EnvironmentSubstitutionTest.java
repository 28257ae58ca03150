package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSubstitutionTest {

    private final EnvironmentSubstitution substitution = new EnvironmentSubstitution(Map.of("HOST", "db1", "EMPTY", "", "LOOP", "${HOST}"));

    @Test
    void referenceIsReplacedByTheVariable() {
        assertThat(substitution.apply("${HOST}:3306")).isEqualTo(new Substitution("db1:3306", List.of(), false));
    }

    @Test
    void defaultIsUsedWhenTheVariableIsUnsetOrEmpty() {
        assertThat(substitution.apply("${PORT:-3306}").text()).isEqualTo("3306");
        assertThat(substitution.apply("${EMPTY:-fallback}").text()).isEqualTo("fallback");
        assertThat(substitution.apply("${HOST:-fallback}").text()).isEqualTo("db1");
        assertThat(substitution.apply("${PORT:-}").text()).isEmpty();
    }

    @Test
    void setButEmptyVariableWithoutDefaultIsEmpty() {
        assertThat(substitution.apply("a${EMPTY}b")).isEqualTo(new Substitution("ab", List.of(), false));
    }

    @Test
    void doubledDollarIsALiteralReference() {
        assertThat(substitution.apply("$${HOST} is ${HOST}").text()).isEqualTo("${HOST} is db1");
    }

    @Test
    void unsetVariablesAreNamedAndLeftAsWritten() {
        assertThat(substitution.apply("${DB}.${HOST}.${TABLE}")).isEqualTo(new Substitution("${DB}.db1.${TABLE}", List.of("DB", "TABLE"), false));
    }

    @Test
    void substitutedTextIsNotScannedAgain() {
        assertThat(substitution.apply("${LOOP}").text()).isEqualTo("${HOST}");
    }

    @Test
    void unclosedReferenceIsFlagged() {
        assertThat(substitution.apply("x${HOST")).isEqualTo(new Substitution("x${HOST", List.of(), true));
    }

    @Test
    void textWithoutReferencesIsUnchanged() {
        assertThat(substitution.apply("cost: $5 {net}").text()).isEqualTo("cost: $5 {net}");
    }
}
