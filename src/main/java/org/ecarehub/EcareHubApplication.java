package org.ecarehub;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The hub as one Spring application; started by the {@code serve} and {@code demo} commands. Scheduling is on for the
 * periodic checks that modules make (overdue withholding reviews).
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "shared")
public class EcareHubApplication {}
