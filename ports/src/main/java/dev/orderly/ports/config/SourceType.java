package dev.orderly.ports.config;

/** The binlog dialect: MySQL and MariaDB need different connectors. */
public enum SourceType {
    MYSQL("mysql"),
    MARIADB("mariadb");

    private final String configValue;

    SourceType(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
