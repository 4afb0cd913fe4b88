package org.ecarehub.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the hub keeps its data: the flags every command that opens the hub's database shares. */
final class DatabaseOptions {

    @Option(
            names = "--data-dir",
            defaultValue = "${env:ECARE_DATA_DIR:-./data}",
            description =
                    "Directory for the embedded database, keys and secrets (ECARE_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            defaultValue = "${env:ECARE_DB_URL}",
            description = "JDBC URL of the database (ECARE_DB_URL); embedded H2 in the data directory when absent.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:ECARE_DB_USER}", description = "Database user (ECARE_DB_USER).")
    String dbUser;

    @Option(
            names = "--db-password",
            defaultValue = "${env:ECARE_DB_PASSWORD}",
            description = "Database password (ECARE_DB_PASSWORD).")
    String dbPassword;

    DatabaseTarget database() {
        return DatabaseTarget.of(dataDir, dbUrl, dbUser, dbPassword);
    }
}
