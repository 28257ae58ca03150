package dev.orderly.adapter.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The global privileges of {@code SHOW GRANTS FOR CURRENT_USER()} as MySQL 8 and MariaDB 11 print them. */
class GrantedPrivilegesTest {

    @Test
    void mySqlGlobalGrantWithDynamicPrivilegesAndDatabaseGrants() {
        GrantedPrivileges granted = GrantedPrivileges.parse(List.of(
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO `orderly_cdc`@`%`",
                "GRANT BACKUP_ADMIN ON *.* TO `orderly_cdc`@`%`",
                "GRANT INSERT ON `shop`.* TO `orderly_cdc`@`%`"));

        assertThat(granted.all()).containsExactly("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT", "LOCK TABLES",
                "BACKUP_ADMIN");
        assertThat(granted.firstOf("REPLICATION SLAVE", "REPLICATION REPLICA")).hasValue("REPLICATION SLAVE");
        assertThat(granted.firstOf("INSERT")).as("a database grant is not global").isEmpty();
    }

    @Test
    void mariaDbPrintsBinlogMonitorAndMayCallTheReplicaPrivilegeReplicationReplica() {
        GrantedPrivileges granted = GrantedPrivileges.parse(List.of(
                "GRANT SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, BINLOG MONITOR, REPLICATION REPLICA ON *.* TO `orderly_cdc`@`%`"
                        + " IDENTIFIED BY PASSWORD '*5A4F1E7B1AB8D2E0CB1C39E0F5A0DAB0B5B0A1D2'"));

        assertThat(granted.firstOf("REPLICATION SLAVE", "REPLICATION REPLICA")).hasValue("REPLICATION REPLICA");
        assertThat(granted.firstOf("BINLOG MONITOR", "REPLICATION CLIENT")).hasValue("BINLOG MONITOR");
    }

    @Test
    void allPrivilegesOnEverythingGrantsEveryPrivilege() {
        GrantedPrivileges granted = GrantedPrivileges.parse(List.of("GRANT ALL PRIVILEGES ON *.* TO `admin`@`%` WITH GRANT OPTION"));

        assertThat(granted.firstOf("REPLICATION SLAVE")).hasValue("ALL PRIVILEGES");
    }

    @Test
    void allPrivilegesOnOneDatabaseGrantsNoReplicationPrivilege() {
        GrantedPrivileges granted = GrantedPrivileges.parse(List.of("GRANT USAGE ON *.* TO `app`@`%`", "GRANT ALL PRIVILEGES ON `shop`.* TO `app`@`%`"));

        assertThat(granted.all()).containsExactly("USAGE");
        assertThat(granted.firstOf("REPLICATION SLAVE")).isEmpty();
        assertThat(granted).hasToString("USAGE");
    }

    @Test
    void roleAndProxyGrantsAndColumnListsAreReadSafely() {
        GrantedPrivileges granted = GrantedPrivileges.parse(List.of(
                "GRANT `cdc_role`@`%` TO `orderly_cdc`@`%`",
                "GRANT PROXY ON ''@'' TO 'root'@'localhost' WITH GRANT OPTION",
                "GRANT SELECT (id, name), replication  client ON *.* TO `odd`@`%`"));

        assertThat(granted.all()).containsExactly("SELECT (ID, NAME)", "REPLICATION CLIENT");
    }

    @Test
    void noGrantsAtAll() {
        assertThat(GrantedPrivileges.parse(List.of())).hasToString("(none)");
    }
}
