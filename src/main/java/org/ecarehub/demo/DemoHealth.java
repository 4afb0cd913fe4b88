package org.ecarehub.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** In demo mode the hub is healthy only once the demo data is in place: the partnership, its staff and its people. */
@Component("demo")
class DemoHealth implements HealthIndicator {

    private final boolean demoMode;
    private final DemoSeeds seeds;
    private final DemoSeeder seeder;

    DemoHealth(@Value("${ecare.mode}") String mode, DemoSeeds seeds, DemoSeeder seeder) {
        this.demoMode = "demo".equals(mode);
        this.seeds = seeds;
        this.seeder = seeder;
    }

    @Override
    public Health health() {
        if (!demoMode) {
            return Health.up().build();
        }
        return seeds.seededAt().isPresent() && seeds.peopleSeededAt().isPresent() && seeder.storyPeopleInPlace()
                ? Health.up().build()
                : Health.down().build();
    }
}
