package org.ecarehub.demo;

import javax.sql.DataSource;
import org.ecarehub.shared.StartRefused;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps demo and real data apart before anything else touches the database: {@code serve} will not run on a demo
 * database, and {@code demo --reset} erases only a demo database (or an empty one).
 */
@Component
class DemoDatabaseGuard implements FlywayMigrationStrategy {

    private final boolean demoMode;
    private final boolean reset;

    DemoDatabaseGuard(@Value("${ecare.mode}") String mode, @Value("${ecare.demo.reset:false}") boolean reset) {
        this.demoMode = "demo".equals(mode);
        this.reset = reset;
    }

    @Override
    public void migrate(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        if (demoMode && reset) {
            if (holdsData(flyway) && !holdsDemo(dataSource)) {
                throw new StartRefused("this database holds a real partnership; ./ecare demo --reset erases only"
                        + " a demo database. Use another --data-dir or --db-url for the demo.");
            }
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .cleanDisabled(false)
                    .load()
                    .clean();
        }
        flyway.migrate();
        if (!demoMode && holdsDemo(dataSource)) {
            throw new StartRefused("this database was seeded by ./ecare demo, and ./ecare serve never runs on demo"
                    + " data or accepts demo accounts. Use another --data-dir or --db-url.");
        }
    }

    private static boolean holdsData(Flyway flyway) {
        return flyway.info().applied().length > 0;
    }

    private static boolean holdsDemo(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        try {
            return jdbc.sql("select count(*) from demo_seed")
                            .query(Integer.class)
                            .single()
                    > 0;
        } catch (org.springframework.dao.DataAccessException noTableYet) {
            return false;
        }
    }
}
