package dev.orderly.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseAccountsTest {

    @Test
    void databasePathAcceptsPlainIdentifiersAndEmpty() {
        assertThat(DatabaseAccounts.databasePath("shop_1")).isEqualTo("/shop_1");
        assertThat(DatabaseAccounts.databasePath("")).isEqualTo("/");
    }

    @Test
    void databasePathQuotesWhatItRejects() {
        assertThatThrownBy(() -> DatabaseAccounts.databasePath("shop?user=root"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database must be empty or a plain identifier [A-Za-z0-9_$]+ but got 'shop?user=root'");
        assertThatThrownBy(() -> DatabaseAccounts.databasePath(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("database is null");
    }

    @Test
    void initScriptKeepsOneStatementPerLineOutsideTheBinlog() {
        String script = DatabaseAccounts.initScript("BY", "SELECT, RELOAD", "DROP USER IF EXISTS ''@'localhost';");

        assertThat(script.lines()).allSatisfy(line -> assertThat(line).endsWith(";"));
        assertThat(script.lines().findFirst()).contains("SET SQL_LOG_BIN = 0;");
        assertThat(script).contains(
                "DROP USER IF EXISTS ''@'localhost';\n",
                "CREATE USER IF NOT EXISTS 'orderly_admin'@'%' IDENTIFIED BY 'orderly-admin-pw';",
                "GRANT ALL PRIVILEGES ON *.* TO 'orderly_admin'@'%' WITH GRANT OPTION;",
                "GRANT SELECT, RELOAD ON *.* TO 'orderly_cdc'@'%';");
    }
}
