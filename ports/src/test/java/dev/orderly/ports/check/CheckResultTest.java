package dev.orderly.ports.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void onlyAWarningOrAFailureHasAFix() {
        assertThat(CheckResult.fail("binlog_format", "found STATEMENT", "SET GLOBAL binlog_format=ROW").fix()).hasValue("SET GLOBAL binlog_format=ROW");
        assertThat(CheckResult.failExplained("tables", "table a.b has no sharding key. Fix: add a primary key").fix()).isEmpty();
        assertThatThrownBy(() -> new CheckResult("server_id", CheckStatus.PASS, "1", Optional.of("nothing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a PASS result has nothing to fix but check server_id got the fix 'nothing'");
    }

    @Test
    void aResultSaysWhatWasFound() {
        assertThatThrownBy(() -> CheckResult.pass("server_id", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detail of check server_id must say what was found but is blank");
    }

    @Test
    void aCheckThatThrowsBecomesAFailureQuotingTheException() {
        CheckResult result = CheckResult.guarded("topic", () -> {
            throw new IllegalStateException("cannot describe topic changes: timeout");
        });

        assertThat(result.failed()).isTrue();
        assertThat(result.detail()).isEqualTo("could not be checked: cannot describe topic changes: timeout");
    }
}
