package org.ecarehub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.identity.StaffCredentials;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.StartRefused;
import org.ecarehub.shared.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo partnership of DEMO.md and its story people on first start, through the modules' own APIs, and the
 * synthetic people once the hub has started; a restart reuses what is there. Runs only in demo mode.
 */
@Component
class DemoSeeder implements SmartInitializingSingleton, ApplicationListener<ApplicationReadyEvent> {

    static final String DEMO_PARTNERSHIP = "demo/partnership.yaml";
    static final String DEMO_PASSWORD = "demo";

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private static final int SYNTHETIC_BATCH = 500;

    /** The holders of DEMO.md's portal accounts, whose usernames are their names in lower case. */
    private static final List<String> PORTAL_ACCOUNTS = List.of("David Thomson", "Fiona Thomson", "Lisa Kerr");

    private final boolean demoMode;
    private final int people;
    private final Partnerships partnerships;
    private final StaffCredentials credentials;
    private final DemoSeeds seeds;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PersonIndex personIndex;
    private final DemoStories stories;
    private final PortalAccounts portalAccounts;

    DemoSeeder(
            @Value("${ecare.mode}") String mode,
            @Value("${ecare.demo.people:1000}") int people,
            Partnerships partnerships,
            StaffCredentials credentials,
            DemoSeeds seeds,
            TransactionTemplate transactions,
            Clock clock,
            PersonIndex personIndex,
            DemoStories stories,
            PortalAccounts portalAccounts) {
        this.stories = stories;
        this.portalAccounts = portalAccounts;
        this.demoMode = "demo".equals(mode);
        this.people = people;
        this.partnerships = partnerships;
        this.credentials = credentials;
        this.seeds = seeds;
        this.transactions = transactions;
        this.clock = clock;
        this.personIndex = personIndex;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!demoMode) {
            return;
        }
        boolean seeded = seeds.seededAt().isPresent();
        if (!seeded && partnerships.current().version() > 0) {
            throw new StartRefused("this database holds a partnership that is not the demo's; ./ecare demo seeds"
                    + " only an empty database. Use another --data-dir or --db-url.");
        }
        transactions.executeWithoutResult(status -> seed(seeded));
        LocalDate seedDay = LocalDate.ofInstant(seeds.seededAt().orElseThrow(), ZoneId.of("Europe/London"));
        stories.replayHistory(partnerships.current(), seedDay);
    }

    private void seed(boolean seededBefore) {
        PartnershipSnapshot snapshot =
                partnerships.apply("classpath:" + DEMO_PARTNERSHIP, demoPartnership(), "ecare demo");
        credentials.setSharedPassword(
                snapshot.partnership().staff().stream()
                        .map(StaffAccount::username)
                        .filter(username -> !credentials.hasPassword(username))
                        .toList(),
                DEMO_PASSWORD,
                true);
        seedStoryPeople(snapshot.version());
        LocalDate seedDay = LocalDate.ofInstant(seeds.seededAt().orElse(clock.instant()), ZoneId.of("Europe/London"));
        if (!stories.seeded()) {
            stories.seed(snapshot, seedDay);
        }
        stories.seedProtection(seedDay);
        seedPortalAccounts();
        if (!seededBefore) {
            Instant now = clock.instant();
            seeds.markSeeded(now, people);
            if (people == 0) {
                seeds.markPeopleSeeded(now);
            }
            log.info("Demo partnership seeded (configuration version {})", snapshot.version());
        }
    }

    /**
     * Seeds DEMO.md's "Everyone else" once the hub has started, in the background, so that the demo opens seconds
     * sooner: the stories are all in place before it starts, and the synthetic people (most of the seeding's time)
     * follow within seconds. One transaction, so that a stop halfway leaves nothing and the next start seeds them all;
     * {@code /actuator/health} answers UP only once they are in place.
     */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!demoMode || seeds.peopleSeededAt().isPresent()) {
            return;
        }
        Thread seeding = new Thread(this::seedEveryoneElse, "demo-people");
        seeding.setDaemon(true);
        seeding.start();
    }

    private void seedEveryoneElse() {
        try {
            transactions.executeWithoutResult(status -> {
                PartnershipSnapshot snapshot = partnerships.current();
                LocalDate seedDay = LocalDate.ofInstant(seeds.seededAt().orElseThrow(), ZoneId.of("Europe/London"));
                List<AgencyRecord> synthetic = seedSyntheticPeople(snapshot.version());
                stories.seedSyntheticPeople(snapshot, synthetic, seedDay);
                seeds.markPeopleSeeded(clock.instant());
            });
        } catch (RuntimeException e) {
            // Nothing of it is stored; the next start tries again, and health stays DOWN until then.
            log.error("Could not seed the demo's synthetic people; restart to try again", e);
        }
    }

    /**
     * Submits the records of DEMO.md's people that the index does not hold yet, so a restart stores nothing again
     * and leaves alone what was changed since.
     */
    private void seedStoryPeople(int configurationVersion) {
        Actor demo = new Actor("hub", "ecare demo", null, List.of(), configurationVersion);
        for (DemoPeople.StoryPerson person : DemoPeople.all()) {
            for (AgencyRecord record : person.records()) {
                if (personIndex.personOf(record.id()).isEmpty()) {
                    personIndex.submit(record, demo);
                }
            }
        }
    }

    /** DEMO.md's portal accounts, bound already to their holders' entries; a restart keeps those there. */
    private void seedPortalAccounts() {
        for (String name : PORTAL_ACCOUNTS) {
            DemoPeople.StoryPerson holder = DemoPeople.all().stream()
                    .filter(person -> person.name().equals(name))
                    .findFirst()
                    .orElseThrow();
            PersonId person = personIndex
                    .personOf(holder.records().get(0).id())
                    .orElseThrow(() -> new IllegalStateException("a portal holder of the demo is not in the index"));
            String username = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.');
            portalAccounts.seedDemo(Username.of(username), username + "@example.org", person);
        }
    }

    /** The generated people of DEMO.md's "Everyone else", once, on the first start, in batches of one import's size. */
    private List<AgencyRecord> seedSyntheticPeople(int configurationVersion) {
        Actor demo = new Actor("hub", "ecare demo", null, List.of(), configurationVersion);
        List<AgencyRecord> records = DemoPopulation.records(people);
        for (int from = 0; from < records.size(); from += SYNTHETIC_BATCH) {
            personIndex.submitAll(records.subList(from, Math.min(records.size(), from + SYNTHETIC_BATCH)), demo);
        }
        log.info("Demo people seeded: {} synthetic people, {} agency records", people, records.size());
        return records;
    }

    /** Whether every record of DEMO.md's people is in the index. */
    boolean storyPeopleInPlace() {
        return DemoPeople.all().stream()
                .flatMap(person -> person.records().stream())
                .allMatch(record -> personIndex.personOf(record.id()).isPresent());
    }

    static String demoPartnership() {
        try (InputStream in = new ClassPathResource(DEMO_PARTNERSHIP).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo partnership file is missing from the build", e);
        }
    }
}
