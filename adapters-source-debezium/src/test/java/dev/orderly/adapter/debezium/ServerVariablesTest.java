package dev.orderly.adapter.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.check.CheckStatus;
import dev.orderly.ports.config.SourceType;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The binlog settings judged from {@code SHOW GLOBAL VARIABLES}, each failure with its fix. */
class ServerVariablesTest {

    private static final Map<String, String> GOOD_MYSQL = Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL",
            "server_id", "1", "gtid_mode", "ON", "enforce_gtid_consistency", "ON");

    @Test
    void aWellConfiguredMySqlPassesAndReportsItsGtidMode() {
        assertThat(mySql(GOOD_MYSQL).checks()).extracting(CheckResult::name, CheckResult::status).containsExactly(
                Tuple.tuple("log_bin", CheckStatus.PASS),
                Tuple.tuple("binlog_format", CheckStatus.PASS),
                Tuple.tuple("binlog_row_image", CheckStatus.PASS),
                Tuple.tuple("server_id", CheckStatus.PASS),
                Tuple.tuple("gtid_mode", CheckStatus.INFO));
        assertThat(mySql(GOOD_MYSQL).gtidMode().detail()).isEqualTo("gtid_mode=ON, enforce_gtid_consistency=ON; positions are GTID sets");
    }

    @Test
    void statementFormatFailsWithTheStatementThatFixesItAndTheConfigurationThatKeepsIt() {
        CheckResult result = mySql(with("binlog_format", "STATEMENT")).binlogFormat();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.detail()).startsWith("found STATEMENT");
        assertThat(result.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("SET GLOBAL binlog_format=ROW", "binlog_format=ROW under [mysqld]"));
    }

    @Test
    void minimalRowImagesFail() {
        CheckResult result = mySql(with("binlog_row_image", "MINIMAL")).binlogRowImage();

        assertThat(result.failed()).isTrue();
        assertThat(result.detail()).startsWith("found MINIMAL");
        assertThat(result.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("SET GLOBAL binlog_row_image=FULL"));
    }

    @Test
    void binaryLogOffFailsAndSaysARestartIsNeeded() {
        CheckResult result = mySql(with("log_bin", "OFF")).logBin();

        assertThat(result.failed()).isTrue();
        assertThat(result.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("log_bin=mysql-bin", "restart"));
    }

    @Test
    void serverIdZeroOrOrderlysOwnFails() {
        assertThat(mySql(with("server_id", "0")).serverId().detail()).startsWith("found 0");
        CheckResult same = new ServerVariables(with("server_id", "5401"), SourceType.MYSQL, 5401).serverId();
        assertThat(same.failed()).isTrue();
        assertThat(same.detail()).contains("the same as source.server-id");
        assertThat(mySql(GOOD_MYSQL).serverId().detail()).isEqualTo("1 (orderly reads the binlog as replica 5401, source.server-id)");
    }

    @Test
    void aVariableTheServerLacksIsReportedAsNotSet() {
        Map<String, String> variables = new HashMap<>(GOOD_MYSQL);
        variables.remove("binlog_row_image");

        assertThat(mySql(variables).binlogRowImage().detail()).startsWith("found (not set)");
    }

    @Test
    void mariaDbReportsItsGtidPosition() {
        CheckResult result = new ServerVariables(Map.of("gtid_strict_mode", "OFF", "gtid_current_pos", "0-1-42"), SourceType.MARIADB, 5401).gtidMode();

        assertThat(result.status()).isEqualTo(CheckStatus.INFO);
        assertThat(result.detail()).isEqualTo("MariaDB GTIDs are always on: gtid_strict_mode=OFF, gtid_current_pos=0-1-42");
    }

    private static ServerVariables mySql(Map<String, String> variables) {
        return new ServerVariables(variables, SourceType.MYSQL, 5401);
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> variables = new HashMap<>(GOOD_MYSQL);
        variables.put(name, value);
        return variables;
    }
}
