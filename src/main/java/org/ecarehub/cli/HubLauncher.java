package org.ecarehub.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecarehub.EcareHubApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the hub in-process after checking, outside Spring, that its database can be reached. */
final class HubLauncher {

    private HubLauncher() {}

    static int start(HubOptions options, String mode, Map<String, Object> extraProperties, PrintWriter err) {
        DatabaseTarget database = options.database();
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            err.println("ecare: cannot create the data directory " + options.dataDir() + ": " + e.getMessage());
            return EcareCli.FAILURE;
        }
        try {
            database.checkReachable();
        } catch (SQLException e) {
            err.println("ecare: cannot reach the database at " + database.displayUrl() + ": " + firstLine(e));
            return EcareCli.UNREACHABLE;
        }
        List<String> arguments = new ArrayList<>();
        options.properties(mode).forEach((key, value) -> arguments.add("--" + key + "=" + value));
        extraProperties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        SpringApplication application = new SpringApplication(EcareHubApplication.class);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        // Read by logback.xml; set before Spring initialises logging.
        System.setProperty("ECARE_LOG_FORMAT", options.logFormat.name());
        ConfigurableApplicationContext context;
        try {
            context = application.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("ecare: the hub did not start: " + firstLine(rootCause(e)));
            return EcareCli.FAILURE;
        }
        err.println();
        err.println("eCare Hub (" + mode + ") is running at " + options.effectiveBaseUrl() + "/");
        if (!database.embedded()) {
            err.println("Database: " + database.displayUrl());
        } else {
            err.println("Data directory: " + options.dataDir().toAbsolutePath().normalize());
        }
        if ("demo".equals(mode)) {
            err.println();
            err.println("Sign in at " + options.effectiveBaseUrl() + "/sign-in with password 'demo' as, for example:");
            err.println("  sw.hamilton   social worker, adult care Hamilton (Agnes Thomson's key worker)");
            err.println("  ed.wishaw     emergency department clinician, University Hospital Wishaw");
            err.println("  housing.ek    housing officer, East Kilbride");
            err.println("  caldicott.slc Caldicott guardian, South Lanarkshire social work");
            err.println("A token for the API: ./ecare token --user sw.hamilton");
        }
        err.println("Stop with Ctrl-C.");
        err.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "ecare-shutdown"));
        return EcareCli.KEEP_RUNNING;
    }

    static Throwable rootCause(Throwable throwable) {
        Throwable cause = throwable;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String firstLine(Throwable throwable) {
        String message = throwable.getMessage();
        if (message == null || message.isBlank()) {
            return throwable.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
