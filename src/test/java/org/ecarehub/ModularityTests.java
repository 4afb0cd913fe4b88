package org.ecarehub;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(EcareHubApplication.class);

    @Test
    void keepsEveryModuleToThePublicApisOfTheOthers() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagramsForTheDocs() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
