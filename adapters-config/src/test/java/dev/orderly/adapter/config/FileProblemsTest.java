package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.ports.config.ConfigProblem;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProblemsTest {

    private static final String TOP_LEVEL = "a map with the keys: format, monitoring, name, partition, plugin-directory, sink, source, state-directory, watermark";

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void emptyFileIsOneProblem() {
        assertThat(fixture.problems("")).containsExactly(
                new ConfigProblem("(file)", "an empty file", TOP_LEVEL, "write the configuration; config/example.yaml shows every key"));
    }

    @Test
    void fileWithOnlyCommentsIsEmpty() {
        assertThat(fixture.problems("# source:\n#   type: mysql\n")).singleElement().extracting(ConfigProblem::found).isEqualTo("an empty file");
    }

    @Test
    void syntaxErrorIsOneProblemWithLineAndColumn() {
        String yaml = ConfigFixture.VALID.replace("user: cdc", "user: cdc: admin");

        assertThat(fixture.problems(yaml)).containsExactly(new ConfigProblem("(file)",
                "invalid YAML at line 4, column 12: mapping values are not allowed here", "valid YAML",
                "correct the YAML there: indent with spaces, not tabs, and put values containing ': ' or ' #' in quotes"));
    }

    @Test
    void tabIndentationIsASyntaxError() {
        assertThat(fixture.problems("source:\n\ttype: mysql\n")).singleElement().extracting(ConfigProblem::found).asString()
                .startsWith("invalid YAML at line 2, column 1: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void repeatedKeyIsRefusedRatherThanOverwritten() {
        assertThat(fixture.problems(ConfigFixture.VALID + "partition:\n  mode: one\n")).containsExactly(new ConfigProblem("(file)",
                "invalid YAML at line 13, column 10: Duplicate field 'partition'", "valid YAML", "keep only one of the entries with that key"));
    }

    @Test
    void topLevelThatIsNotAMapIsOneProblem() {
        assertThat(fixture.problems("- source\n- sink\n")).containsExactly(new ConfigProblem("(file)", "a top level that is a list [\"source\",\"sink\"]",
                TOP_LEVEL, "write key: value lines at the top level, starting with source:, sink: and partition:"));
    }

    @Test
    void missingFileIsAnIoErrorNotAProblem() {
        Path missing = directory.resolve("absent.yaml");

        assertThatThrownBy(() -> new YamlConfigLoader(directory).load(missing, ConfigFixture.ENVIRONMENT, TestingConfigContext.builtIns()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Configuration file " + missing + " does not exist");
    }
}
