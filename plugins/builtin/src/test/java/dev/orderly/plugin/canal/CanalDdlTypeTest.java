package dev.orderly.plugin.canal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanalDdlTypeTest {

    @Test
    void namesEachStatementWithCanalsEventType() {
        assertThat(CanalDdlType.of("CREATE TABLE t (id INT PRIMARY KEY)")).isEqualTo("CREATE");
        assertThat(CanalDdlType.of("create temporary table t (id int)")).isEqualTo("CREATE");
        assertThat(CanalDdlType.of("ALTER TABLE t ADD COLUMN c INT")).isEqualTo("ALTER");
        assertThat(CanalDdlType.of("DROP TABLE IF EXISTS t")).isEqualTo("ERASE");
        assertThat(CanalDdlType.of("RENAME TABLE a TO b, c TO d")).isEqualTo("RENAME");
        assertThat(CanalDdlType.of("TRUNCATE TABLE t")).isEqualTo("TRUNCATE");
        assertThat(CanalDdlType.of("CREATE UNIQUE INDEX i ON t (c)")).isEqualTo("CINDEX");
        assertThat(CanalDdlType.of("DROP INDEX i ON t")).isEqualTo("DINDEX");
        assertThat(CanalDdlType.of("CREATE DATABASE shop")).isEqualTo("QUERY");
    }

    @Test
    void looksPastTheCommentsAndBlanksMysqlKeepsInTheStatement() {
        assertThat(CanalDdlType.of("/* gh-ost */ \n -- moved\n  alter table t add c int")).isEqualTo("ALTER");
    }
}
