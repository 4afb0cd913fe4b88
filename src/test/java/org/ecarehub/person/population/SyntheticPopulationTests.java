package org.ecarehub.person.population;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.matching.GivenNameVariants;
import org.ecarehub.person.matching.Names;
import org.ecarehub.person.matching.PersonRecord;
import org.ecarehub.person.matching.Postcodes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyntheticPopulationTests {

    private static final LocalDate AS_OF = Settings.DEFAULT_AS_OF;

    /** Twenty thousand people with every error at its default rate, made once for the tests that only read them. */
    private static SyntheticPopulation twentyThousand() {
        return TwentyThousand.POPULATION;
    }

    private static final class TwentyThousand {
        static final SyntheticPopulation POPULATION = SyntheticPopulation.generate(20_000, 2026);
    }

    @Nested
    class Determinism {

        @Test
        void givesTheSamePeopleAndRecordsForTheSameSeed() {
            SyntheticPopulation first = SyntheticPopulation.generate(3_000, 42);
            SyntheticPopulation second = SyntheticPopulation.generate(3_000, 42);

            assertThat(second.people()).isEqualTo(first.people());
            assertThat(second.records()).isEqualTo(first.records());
            assertThat(second.errorsMade()).isEqualTo(first.errorsMade());
        }

        @Test
        void givesOtherPeopleForAnotherSeed() {
            SyntheticPopulation first = SyntheticPopulation.generate(1_000, 42);
            SyntheticPopulation other = SyntheticPopulation.generate(1_000, 43);

            assertThat(other.people()).isNotEqualTo(first.people());
        }

        @Test
        void givesExactlyTheNumberOfPeopleAskedFor() {
            assertThat(SyntheticPopulation.generate(1, 5).people()).hasSize(1);
            assertThat(SyntheticPopulation.generate(0, 5).records()).isEmpty();
            assertThat(twentyThousand().people()).hasSize(20_000);
        }
    }

    @Nested
    class People {

        @Test
        void haveValidUniqueChiNumbersThatAgreeWithTheirBirthDateAndSex() {
            Set<String> seen = new HashSet<>();
            for (SyntheticPerson person : twentyThousand().people()) {
                ChiNumber chi = ChiNumber.of(person.chi());

                assertThat(chi.valid()).as(person.key()).isTrue();
                assertThat(chi.possibleBirthDates()).contains(person.dateOfBirth());
                assertThat(chi.sex()).hasValue(person.sex());
                assertThat(seen.add(person.chi())).isTrue();
            }
        }

        @Test
        void haveStableKeysAndHouseholdsSharingOneAddress() {
            List<SyntheticPerson> people = twentyThousand().people();

            assertThat(people.get(122).key()).isEqualTo("P000123");
            assertThat(people.stream().map(SyntheticPerson::key).distinct()).hasSize(people.size());
            for (List<SyntheticPerson> household : households(twentyThousand()).values()) {
                assertThat(household.stream().map(SyntheticPerson::address).distinct())
                        .hasSize(1);
                assertThat(household.stream().map(SyntheticPerson::postcode).distinct())
                        .hasSize(1);
            }
            double averageSize =
                    (double) people.size() / households(twentyThousand()).size();
            assertThat(averageSize).isBetween(1.9, 2.6);
        }

        @Test
        void liveAtAddressesWithRealPostcodeFormatsOfLanarkshireAndGlasgow() {
            Pattern address = Pattern.compile("(Flat [0-3]/[12], )?\\d+ [A-Z][A-Za-z ]+, [A-Z][A-Za-z ]+");
            Pattern postcode = Pattern.compile("(ML[0-9]{1,2}|G7[1-5]|G3[12]|G4[45]) [0-9][ABD-HJLNP-UW-Z]{2}");
            for (SyntheticPerson person : twentyThousand().people()) {
                assertThat(person.address()).matches(address);
                assertThat(person.postcode()).matches(postcode);
                assertThat(Postcodes.parse(person.postcode()).map(Postcodes::unit))
                        .hasValue(person.postcode());
            }
            assertThat(twentyThousand().people())
                    .extracting(SyntheticPerson::address)
                    .anyMatch(text -> text.endsWith(", Hamilton"))
                    .anyMatch(text -> text.endsWith(", Blantyre"))
                    .anyMatch(text -> text.endsWith(", East Kilbride"))
                    .anyMatch(text -> text.startsWith("Flat 2/1, "));
        }

        @Test
        void neverLiveAtAStoryAddress() {
            assertThat(twentyThousand().people())
                    .noneMatch(person -> person.address().contains("Burnbank Road, Hamilton")
                            || person.address().contains("Calder Street, Blantyre")
                            || person.postcode().equals("ML3 9AA")
                            || person.postcode().equals("G72 0AB"));
        }

        @Test
        void someHaveMovedAndKeepTheirPreviousAddress() {
            long moved = twentyThousand().people().stream()
                    .filter(person -> person.previousAddress() != null)
                    .peek(person -> assertThat(person.previousAddress()).isNotEqualTo(person.address()))
                    .count();

            assertThat(moved / 20_000.0).isBetween(0.07, 0.13);
        }

        @Test
        void includeTwins() {
            long twinPairs = households(twentyThousand()).values().stream()
                    .flatMap(household -> household.stream()
                            .collect(groupingBy(person -> person.dateOfBirth() + person.familyName(), counting()))
                            .values()
                            .stream())
                    .filter(count -> count == 2)
                    .count();

            assertThat(twinPairs).isBetween(15L, 150L);
        }

        @Test
        void includeParentsAndChildrenOfOneNameAtOneAddress() {
            long sameNamePairs = 0;
            for (List<SyntheticPerson> household : households(twentyThousand()).values()) {
                for (SyntheticPerson older : household) {
                    for (SyntheticPerson younger : household) {
                        if (older.givenName().equals(younger.givenName())
                                && older.familyName().equals(younger.familyName())
                                && older.dateOfBirth().plusYears(16).isBefore(younger.dateOfBirth())) {
                            sameNamePairs++;
                        }
                    }
                }
            }

            assertThat(sameNamePairs).isGreaterThan(50);
        }

        @Test
        void areAgedNoughtToAHundredInRealisticShares() {
            List<SyntheticPerson> people = twentyThousand().people();
            int[] ages = people.stream().mapToInt(person -> person.ageOn(AS_OF)).toArray();

            assertThat(Arrays.stream(ages).min().orElseThrow()).isZero();
            assertThat(Arrays.stream(ages).max().orElseThrow()).isBetween(97, 100);
            assertThat(share(ages, age -> age < 16)).isBetween(0.14, 0.22);
            assertThat(share(ages, age -> age >= 65)).isBetween(0.15, 0.25);
            assertThat(share(ages, age -> age >= 85)).isBetween(0.01, 0.05);
            assertThat(people.stream()
                                    .filter(person -> person.sex().equals("F"))
                                    .count()
                            / 20_000.0)
                    .isBetween(0.49, 0.56);
        }

        @Test
        void mostlyWomenHavePreviousFamilyNames() {
            List<SyntheticPerson> renamed = twentyThousand().people().stream()
                    .filter(person -> !person.previousFamilyNames().isEmpty())
                    .toList();

            assertThat(renamed.size() / 20_000.0).isBetween(0.12, 0.30);
            assertThat(renamed.stream()
                            .filter(person -> person.sex().equals("F"))
                            .count())
                    .isGreaterThan(renamed.size() * 9L / 10);
            assertThat(renamed)
                    .allSatisfy(
                            person -> assertThat(person.previousFamilyNames()).doesNotContain(person.familyName()));
        }

        @Test
        void includeHyphenatedDoubleNames() {
            assertThat(twentyThousand().people())
                    .anyMatch(person -> person.familyName().contains("-"));
            assertThat(twentyThousand().people())
                    .anyMatch(person -> person.givenName().contains("-"));
        }

        @Test
        void carryNamesAsFrequentAsInScotland() {
            NameFrequencies names = NameFrequencies.standard();
            Map<String, Long> families =
                    twentyThousand().people().stream().collect(groupingBy(SyntheticPerson::familyName, counting()));
            Map<String, Long> given =
                    twentyThousand().people().stream().collect(groupingBy(SyntheticPerson::givenName, counting()));

            assertThat(names.familyNameCount()).isGreaterThanOrEqualTo(200);
            assertThat(names.givenNameCount("F")).isGreaterThanOrEqualTo(150);
            assertThat(names.givenNameCount("M")).isGreaterThanOrEqualTo(150);
            assertThat(families).hasSizeGreaterThan(300);
            assertThat(given).hasSizeGreaterThan(300);
            assertThat(top(families)).isEqualTo("Smith");
            assertThat(families.get("Smith")).isGreaterThan(10 * families.getOrDefault("Scoular", 1L));
            assertThat(families).containsKeys("MacDonald", "McDonald", "Thomson", "Kerr", "Campbell");
        }

        @Test
        void areGivenTheNamesOfTheirEra() {
            Map<String, Long> bornBefore1950 =
                    givenNames(person -> person.dateOfBirth().getYear() < 1950);
            Map<String, Long> bornSince2005 =
                    givenNames(person -> person.dateOfBirth().getYear() >= 2005);

            assertThat(bornBefore1950.getOrDefault("Margaret", 0L))
                    .isGreaterThan(bornBefore1950.getOrDefault("Isla", 0L));
            assertThat(bornSince2005.getOrDefault("Isla", 0L))
                    .isGreaterThan(bornSince2005.getOrDefault("Margaret", 0L));
        }

        private Map<String, Long> givenNames(Predicate<SyntheticPerson> which) {
            return twentyThousand().people().stream()
                    .filter(which)
                    .collect(groupingBy(SyntheticPerson::givenName, counting()));
        }
    }

    @Nested
    class Records {

        @Test
        void averageTwoToThreeRecordsAPerson() {
            double average = twentyThousand().records().size() / 20_000.0;

            assertThat(average).isBetween(1.9, 3.0);
        }

        @Test
        void comeFromTheSixAgenciesEachWithItsOwnLocalIdFormat() {
            Map<String, Pattern> formats = Map.of(
                    "nhs-lanarkshire", Pattern.compile("LN\\d{7}"),
                    "hamilton-medical-practice", Pattern.compile("[1-9]\\d{5}"),
                    "slc-social-work", Pattern.compile("SW\\d{7}"),
                    "slc-housing", Pattern.compile("[A-Z]{2,3}/\\d{6}/\\d{2}"),
                    "slc-education", Pattern.compile("[1-9]\\d{8}"),
                    "police-scotland", Pattern.compile("PS\\d{2}-\\d{6}"));
            Set<String> ids = new HashSet<>();
            for (SourcedRecord sourced : twentyThousand().records()) {
                PersonRecord record = sourced.record();
                assertThat(record.localId()).matches(formats.get(record.agency()));
                assertThat(ids.add(record.agency() + " " + record.localId())).isTrue();
            }
            assertThat(SyntheticPopulation.AGENCIES).containsExactlyInAnyOrderElementsOf(formats.keySet());
        }

        @Test
        void holdPeopleWhereTheirAgencyKnowsThem() {
            Map<String, SyntheticPerson> truth = byKey(twentyThousand());
            Map<String, Long> perAgency = twentyThousand().records().stream()
                    .collect(groupingBy(sourced -> sourced.record().agency(), counting()));
            for (SourcedRecord sourced : twentyThousand().records()) {
                int age = truth.get(sourced.personKey()).ageOn(AS_OF);
                switch (sourced.record().agency()) {
                    case "slc-education" -> assertThat(age).isBetween(4, 18);
                    case "slc-housing", "police-scotland" -> assertThat(age).isGreaterThanOrEqualTo(16);
                    default -> {}
                }
            }

            assertThat(perAgency.get("nhs-lanarkshire") / 20_000.0).isBetween(0.97, 1.03);
            assertThat(perAgency.get("hamilton-medical-practice") / 20_000.0).isBetween(0.35, 0.65);
            assertThat(perAgency.get("police-scotland") / 20_000.0).isBetween(0.02, 0.06);
            assertThat(perAgency.get("slc-social-work")).isGreaterThan(1_000);
            assertThat(perAgency.get("slc-housing")).isGreaterThan(1_000);
            assertThat(perAgency.get("slc-education")).isGreaterThan(1_000);
        }

        @Test
        void carryTheChiWhereTheAgencyRecordsIt() {
            Map<String, List<PersonRecord>> byAgency = recordsByAgency(twentyThousand());

            assertThat(byAgency.get("nhs-lanarkshire")).allMatch(record -> record.chi() != null);
            assertThat(shareWithChi(byAgency.get("hamilton-medical-practice"))).isBetween(0.95, 1.0);
            assertThat(shareWithChi(byAgency.get("slc-social-work"))).isBetween(0.52, 0.68);
            for (String agency : List.of("slc-housing", "slc-education", "police-scotland")) {
                assertThat(byAgency.get(agency)).allMatch(record -> record.chi() == null);
            }
        }

        @Test
        void keepInvalidChisAsRecorded() {
            List<String> invalid = twentyThousand().records().stream()
                    .map(sourced -> sourced.record().chi())
                    .filter(Objects::nonNull)
                    .filter(chi -> !ChiNumber.of(chi).valid())
                    .toList();

            assertThat(invalid).hasSizeGreaterThan(50).allMatch(chi -> chi.matches("\\d{10}"));
        }

        @Test
        void registerSomePeopleTwiceAtOneAgency() {
            Map<String, Long> registrations = twentyThousand().records().stream()
                    .collect(groupingBy(sourced -> sourced.record().agency() + " " + sourced.personKey(), counting()));

            assertThat(registrations.values().stream()
                            .filter(count -> count > 1)
                            .count())
                    .isGreaterThan(200);
        }

        @Test
        void leaveNicknamesToAgenciesOutsideTheNhs() {
            SyntheticPopulation population = SyntheticPopulation.generate(
                    5_000, 3, Settings.defaults().withoutErrors().withRate(RecordingError.NICKNAME, 0.08));
            Map<String, SyntheticPerson> truth = byKey(population);
            List<PersonRecord> nicknamed = population.records().stream()
                    .filter(sourced -> !sourced.record()
                            .givenName()
                            .equals(truth.get(sourced.personKey()).givenName()))
                    .map(SourcedRecord::record)
                    .toList();

            assertThat(nicknamed)
                    .hasSizeGreaterThan(100)
                    .noneMatch(record -> record.agency().equals("nhs-lanarkshire"));
            assertThat(nicknamed).extracting(PersonRecord::givenName).contains("Bob", "Jim", "Maggie", "Liz");
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest
        @EnumSource(RecordingError.class)
        void happenAtAboutTheirDefaultRate(RecordingError kind) {
            int made = twentyThousand().errorsMade().get(kind);
            int opportunities = twentyThousand().errorOpportunities().get(kind);
            double rate = kind.defaultRate();
            double standardError = Math.sqrt(rate * (1 - rate) / opportunities);

            assertThat(made).isPositive();
            assertThat((double) made / opportunities).isCloseTo(rate, within(4.5 * standardError + 0.1 * rate));
        }

        @ParameterizedTest
        @EnumSource(
                value = RecordingError.class,
                names = {"CHI_MISSING", "DUPLICATE_REGISTRATION"},
                mode = EnumSource.Mode.EXCLUDE)
        void showInTheRecordsExactlyAsCounted(RecordingError kind) {
            SyntheticPopulation population = SyntheticPopulation.generate(
                    3_000, 7, Settings.defaults().withoutErrors().withRate(kind, 0.2));
            Map<String, SyntheticPerson> truth = byKey(population);

            long shown = population.records().stream()
                    .filter(sourced -> shows(kind, sourced.record(), truth.get(sourced.personKey())))
                    .count();
            long differing = population.records().stream()
                    .filter(sourced -> differs(sourced.record(), truth.get(sourced.personKey())))
                    .count();

            int made = population.errorsMade().get(kind);
            assertThat(made).isPositive();
            assertThat(shown).isEqualTo(made);
            assertThat(differing).isEqualTo(made);
            assertThat((double) made / population.errorOpportunities().get(kind))
                    .isCloseTo(0.2, within(0.03));
        }

        @Test
        void leaveOutTheChiAtThePracticeAsCounted() {
            SyntheticPopulation population = SyntheticPopulation.generate(
                    3_000, 7, Settings.defaults().withoutErrors().withRate(RecordingError.CHI_MISSING, 0.2));
            List<PersonRecord> practice = recordsByAgency(population).get("hamilton-medical-practice");

            assertThat(1 - shareWithChi(practice)).isCloseTo(0.2, within(0.04));
            assertThat(recordsByAgency(population).get("nhs-lanarkshire")).allMatch(record -> record.chi() != null);
        }

        @Test
        void registerTwiceAsCounted() {
            SyntheticPopulation population = SyntheticPopulation.generate(
                    3_000, 7, Settings.defaults().withoutErrors().withRate(RecordingError.DUPLICATE_REGISTRATION, 0.2));

            long secondRegistrations = population.records().stream()
                    .collect(groupingBy(sourced -> sourced.record().agency() + " " + sourced.personKey(), counting()))
                    .values()
                    .stream()
                    .mapToLong(count -> count - 1)
                    .sum();

            int made = population.errorsMade().get(RecordingError.DUPLICATE_REGISTRATION);
            Map<String, SyntheticPerson> truth = byKey(population);

            assertThat(secondRegistrations).isEqualTo(made);
            assertThat(population.records())
                    .allMatch(sourced -> !differs(sourced.record(), truth.get(sourced.personKey())));
        }

        @Test
        void areAbsentWhenSwitchedOff() {
            SyntheticPopulation population =
                    SyntheticPopulation.generate(2_000, 7, Settings.defaults().withoutErrors());
            Map<String, SyntheticPerson> truth = byKey(population);

            assertThat(population.records())
                    .allMatch(sourced -> !differs(sourced.record(), truth.get(sourced.personKey())));
            assertThat(population.errorsMade().values()).containsOnly(0);
        }

        @Test
        void refuseARateOutsideNoughtToOne() {
            assertThatThrownBy(() -> Settings.defaults().withRate(RecordingError.NAME_TYPO, 1.5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NAME_TYPO");
        }

        /** Whether the record shows the error, told from the truth alone. */
        private boolean shows(RecordingError kind, PersonRecord record, SyntheticPerson person) {
            String given = record.givenName();
            String family = record.familyName();
            LocalDate born = record.dateOfBirth();
            LocalDate truth = person.dateOfBirth();
            return switch (kind) {
                case NICKNAME ->
                    !record.agency().equals("nhs-lanarkshire")
                            && !given.equals(person.givenName())
                            && GivenNameVariants.standard()
                                    .areVariants(Names.key(given), Names.key(person.givenName()));
                case NAME_TYPO ->
                    !given.equals(person.givenName()) && oneEditApart(given, person.givenName())
                            || !family.equals(person.familyName()) && oneEditApart(family, person.familyName());
                case NAME_SPELLING ->
                    !given.equals(person.givenName())
                                    && given.equals(person.givenName().toUpperCase())
                            || !family.equals(person.familyName())
                                    && Names.key(family).equals(Names.key(person.familyName()));
                case NAMES_SWAPPED ->
                    !given.equals(family) && given.equals(person.familyName()) && family.equals(person.givenName());
                case PREVIOUS_FAMILY_NAME ->
                    !person.previousFamilyNames().isEmpty()
                            && family.equals(person.previousFamilyNames()
                                    .get(person.previousFamilyNames().size() - 1));
                case DOUBLE_NAME_PART ->
                    !family.equals(person.familyName()) && isPartOf(family, person.familyName())
                            || !given.equals(person.givenName()) && isPartOf(given, person.givenName());
                case OLD_ADDRESS ->
                    record.address().equals(person.previousAddress())
                            && Objects.equals(record.postcode(), person.previousPostcode());
                case ADDRESS_WRITTEN_DIFFERENTLY ->
                    !record.address().equals(person.address())
                            && record.address().matches("(?i).*\\d+.*");
                case POSTCODE_MISSING -> record.postcode() == null;
                case POSTCODE_SPELLING ->
                    record.postcode() != null
                            && !record.postcode().equals(person.postcode())
                            && Postcodes.parse(record.postcode())
                                    .map(Postcodes::unit)
                                    .equals(Optional.of(person.postcode()));
                case POSTCODE_WRONG ->
                    record.postcode() != null
                            && Postcodes.parse(record.postcode()).isPresent()
                            && oneCharacterApart(record.postcode(), person.postcode());
                case CHI_TRANSPOSED ->
                    record.chi() != null
                            && !ChiNumber.of(record.chi()).valid()
                            && adjacentDigitsSwapped(record.chi(), person.chi());
                case CHI_DIGIT_WRONG ->
                    record.chi() != null
                            && !ChiNumber.of(record.chi()).valid()
                            && oneCharacterApart(record.chi(), person.chi());
                case DATE_OF_BIRTH_DAY_MONTH_SWAPPED ->
                    born != null
                            && !born.equals(truth)
                            && born.getMonthValue() == truth.getDayOfMonth()
                            && born.getDayOfMonth() == truth.getMonthValue()
                            && born.getYear() == truth.getYear();
                case DATE_OF_BIRTH_DIGIT_WRONG ->
                    born != null && !born.isAfter(AS_OF) && oneCharacterApart(born.toString(), truth.toString());
                case DATE_OF_BIRTH_YEAR_OFF_BY_ONE ->
                    born != null && (born.equals(truth.plusYears(1)) || born.equals(truth.minusYears(1)));
                case DATE_OF_BIRTH_YEAR_OFF_BY_TEN ->
                    born != null && (born.equals(truth.plusYears(10)) || born.equals(truth.minusYears(10)));
                case DATE_OF_BIRTH_MISSING -> born == null && !record.agency().equals("nhs-lanarkshire");
                case DATE_OF_BIRTH_WRONG ->
                    born != null && !born.equals(truth) && !born.isBefore(LocalDate.of(1925, 1, 1));
                case SEX_MISSING -> record.sex() == null;
                case SEX_UNKNOWN -> "U".equals(record.sex());
                case PHONE_MISSING -> person.phone() != null && record.phone() == null;
                case PHONE_DIFFERENT ->
                    record.phone() != null && !record.phone().equals(person.phone());
                case CHI_MISSING, DUPLICATE_REGISTRATION ->
                    throw new IllegalArgumentException(kind + " shows across records");
            };
        }
    }

    @Nested
    class StoryPeopleNeverAppear {

        @Test
        void inAnyPersonOrRecordOfFiftySeeds() {
            for (long seed = 1; seed <= 50; seed++) {
                SyntheticPopulation population = SyntheticPopulation.generate(1_000, seed);
                for (SyntheticPerson person : population.people()) {
                    assertThat(isStory(person.givenName(), person.familyName(), person.dateOfBirth()))
                            .as("seed %d, %s", seed, person.key())
                            .isFalse();
                    for (String previous : person.previousFamilyNames()) {
                        assertThat(isStory(person.givenName(), previous, person.dateOfBirth()))
                                .isFalse();
                    }
                }
                for (SourcedRecord sourced : population.records()) {
                    PersonRecord record = sourced.record();
                    assertThat(isStory(record.givenName(), record.familyName(), record.dateOfBirth()))
                            .as("seed %d, %s", seed, record)
                            .isFalse();
                    assertThat(isStory(record.familyName(), record.givenName(), record.dateOfBirth()))
                            .isFalse();
                }
            }
        }

        @Test
        void areRecognisedByNameOrShortFormAndDateOfBirth() {
            LocalDate agnesBorn = LocalDate.of(1941, 3, 14);

            assertThat(StoryPeople.isStoryPerson("Agnes", "Thomson", agnesBorn)).isTrue();
            assertThat(StoryPeople.isStoryPerson("NESSIE", "THOMSON", agnesBorn))
                    .isTrue();
            assertThat(StoryPeople.isStoryPerson("Thomson", "Agnes", agnesBorn)).isTrue();
            assertThat(StoryPeople.isStoryPerson("Dave", "Thomson", LocalDate.of(1968, 7, 22)))
                    .isTrue();
            assertThat(StoryPeople.isStoryPerson("Lisa", "Kerr-Boyle", LocalDate.of(1996, 9, 30)))
                    .isTrue();
            assertThat(StoryPeople.isStoryPerson("Agnes", "Thomson", agnesBorn.plusDays(1)))
                    .isFalse();
            assertThat(StoryPeople.isStoryPerson("Agnes", "Thompson", agnesBorn))
                    .isFalse();
            assertThat(StoryPeople.isStoryPerson("Mary", "Thomson", agnesBorn)).isFalse();
            assertThat(StoryPeople.isStoryPerson("Agnes", "Thomson", null)).isFalse();
        }

        @Test
        void moveABirthDateThatWouldPassForAStoryPersons() {
            SplittableRandom random = new SplittableRandom(1);
            LocalDate lisaBorn = LocalDate.of(1996, 9, 30);

            LocalDate moved =
                    Households.avoidingStoryPeople(List.of("Lisa"), List.of("Kerr", "Smith"), lisaBorn, random);
            LocalDate twinMoved = Households.avoidingStoryPeople(
                    List.of("Jack", "Ryan"), List.of("Kerr"), LocalDate.of(2019, 6, 2), random);

            assertThat(moved).isBefore(lisaBorn).isAfter(lisaBorn.minusDays(61));
            assertThat(twinMoved).isBefore(LocalDate.of(2019, 6, 2));
            assertThat(Households.avoidingStoryPeople(List.of("Lisa"), List.of("Smith"), lisaBorn, random))
                    .isEqualTo(lisaBorn);
        }

        @Test
        void evenWhenAnErrorWouldMakeOne() {
            Town hamilton = Town.ALL.get(0);
            Address home = new Address(null, 3, "Quarry Road", "Road", hamilton, "ML3 6AB");
            SyntheticPerson agnesThompson = new SyntheticPerson(
                    "P000001",
                    "Agnes",
                    null,
                    "Thompson",
                    List.of(),
                    LocalDate.of(1941, 3, 14),
                    "F",
                    "1403410000",
                    home.text(),
                    home.postcode(),
                    null,
                    null,
                    null,
                    "H000001");
            Resident resident = new Resident(agnesThompson, 84, home, null, null, false, false);
            RecordingErrors errors = new RecordingErrors(
                    Settings.defaults().withRate(RecordingError.NAME_TYPO, 1.0), new SplittableRandom(3));

            List<Draft> drafts = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                drafts.add(errors.record(resident, Agency.SLC_SOCIAL_WORK, false));
            }

            assertThat(drafts).noneMatch(draft -> isStory(draft.givenName, draft.familyName, draft.dateOfBirth));
            assertThat(drafts).anyMatch(draft -> draft.familyName.equals("Thompsn"));
        }

        /** The story people of DEMO.md, told apart here without the generator's own check. */
        private boolean isStory(String given, String family, LocalDate born) {
            Map<String, LocalDate> stories = Map.of(
                    "agnes thomson", LocalDate.of(1941, 3, 14),
                    "david thomson", LocalDate.of(1968, 7, 22),
                    "fiona thomson", LocalDate.of(1971, 11, 5),
                    "lisa kerr", LocalDate.of(1996, 9, 30),
                    "ryan kerr", LocalDate.of(2019, 6, 2),
                    "ellie kerr", LocalDate.of(2022, 1, 20),
                    "mark boyle", LocalDate.of(1990, 4, 11));
            if (given == null || family == null || born == null) {
                return false;
            }
            for (var story : stories.entrySet()) {
                String[] names = story.getKey().split(" ");
                if (story.getValue().equals(born)
                        && Names.parts(family).contains(names[1])
                        && GivenNameVariants.standard().areVariants(Names.key(given), names[0])) {
                    return true;
                }
            }
            return false;
        }
    }

    @Nested
    class PersonFilesOnDisk {

        @Test
        void holdEveryRecordInItsAgencysFileAndReadBackExactly(@TempDir Path directory) throws IOException {
            SyntheticPopulation population = SyntheticPopulation.generate(5_000, 11);

            population.writePersonFiles(directory);

            Map<String, PersonRecord> written = new HashMap<>();
            for (String agency : SyntheticPopulation.AGENCIES) {
                List<List<String>> rows = readCsv(directory.resolve(agency + ".csv"));
                assertThat(String.join(",", rows.get(0))).isEqualTo(PersonFiles.HEADER);
                for (List<String> row : rows.subList(1, rows.size())) {
                    assertThat(row).hasSize(11);
                    assertThat(row.get(0)).isEqualTo(agency);
                    written.put(agency + " " + row.get(1), fromRow(row));
                }
            }
            assertThat(written).hasSize(population.records().size());
            for (SourcedRecord sourced : population.records()) {
                PersonRecord record = sourced.record();
                // The files have no column for the former family names an agency knows.
                PersonRecord withoutFormerNames = new PersonRecord(
                        record.agency(),
                        record.localId(),
                        record.chi(),
                        record.givenName(),
                        record.familyName(),
                        record.otherGivenNames(),
                        record.dateOfBirth(),
                        record.sex(),
                        record.address(),
                        record.postcode(),
                        record.phone(),
                        List.of());
                assertThat(written.get(record.agency() + " " + record.localId()))
                        .isEqualTo(withoutFormerNames);
            }

            List<List<String>> truth = readCsv(directory.resolve("truth.csv"));
            assertThat(String.join(",", truth.get(0))).isEqualTo("agency,local_id,person_key");
            assertThat(truth.subList(1, truth.size()))
                    .containsExactlyElementsOf(population.records().stream()
                            .map(sourced -> List.of(
                                    sourced.record().agency(), sourced.record().localId(), sourced.personKey()))
                            .toList());
        }

        @Test
        void quoteFieldsWithCommasQuotesAndLineBreaks() throws IOException {
            StringWriter out = new StringWriter();

            PersonFiles.field(out, "Flat 2/1, 14 Main Street");
            out.write(',');
            PersonFiles.field(out, "O\"Neill");
            out.write(',');
            PersonFiles.field(out, "two\nlines");
            out.write(',');
            PersonFiles.field(out, null);
            out.write(',');
            PersonFiles.field(out, "plain");

            assertThat(out.toString()).isEqualTo("\"Flat 2/1, 14 Main Street\",\"O\"\"Neill\",\"two\nlines\",,plain");
            assertThat(parseCsv(out + "\r\n"))
                    .containsExactly(List.of("Flat 2/1, 14 Main Street", "O\"Neill", "two\nlines", "", "plain"));
        }

        @Test
        void writeAFileForEveryAgencyEvenWhenItHoldsNobody(@TempDir Path directory) throws IOException {
            SyntheticPopulation.generate(0, 1).writePersonFiles(directory);

            for (String agency : SyntheticPopulation.AGENCIES) {
                assertThat(readCsv(directory.resolve(agency + ".csv"))).hasSize(1);
            }
        }

        private PersonRecord fromRow(List<String> row) {
            return new PersonRecord(
                    row.get(0),
                    row.get(1),
                    emptyAsNull(row.get(2)),
                    emptyAsNull(row.get(3)),
                    emptyAsNull(row.get(4)),
                    emptyAsNull(row.get(5)),
                    row.get(6).isEmpty() ? null : LocalDate.parse(row.get(6)),
                    emptyAsNull(row.get(7)),
                    emptyAsNull(row.get(8)),
                    emptyAsNull(row.get(9)),
                    emptyAsNull(row.get(10)),
                    List.of());
        }

        private String emptyAsNull(String field) {
            return field.isEmpty() ? null : field;
        }
    }

    @Nested
    class Speed {

        @Test
        void makesTwentyThousandPeopleInAFewSeconds() {
            SyntheticPopulation.generate(2_000, 1);
            long start = System.nanoTime();

            SyntheticPopulation population = SyntheticPopulation.generate(20_000, 99);

            assertThat(population.people()).hasSize(20_000);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        }
    }

    private static Map<String, SyntheticPerson> byKey(SyntheticPopulation population) {
        Map<String, SyntheticPerson> people = new HashMap<>();
        population.people().forEach(person -> people.put(person.key(), person));
        return people;
    }

    private static Map<String, List<SyntheticPerson>> households(SyntheticPopulation population) {
        return population.people().stream().collect(groupingBy(SyntheticPerson::householdKey));
    }

    private static Map<String, List<PersonRecord>> recordsByAgency(SyntheticPopulation population) {
        return population.records().stream().map(SourcedRecord::record).collect(groupingBy(PersonRecord::agency));
    }

    private static double shareWithChi(List<PersonRecord> records) {
        return records.stream().filter(record -> record.chi() != null).count() / (double) records.size();
    }

    private static double share(int[] ages, IntPredicate which) {
        return Arrays.stream(ages).filter(which).count() / (double) ages.length;
    }

    private static String top(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    /** Whether a record differs from the truth in any field an error can touch. */
    private static boolean differs(PersonRecord record, SyntheticPerson person) {
        return !record.givenName().equals(person.givenName())
                || !record.familyName().equals(person.familyName())
                || !Objects.equals(record.dateOfBirth(), person.dateOfBirth())
                || !Objects.equals(record.sex(), person.sex())
                || !record.address().equals(person.address())
                || !Objects.equals(record.postcode(), person.postcode())
                || !Objects.equals(record.phone(), person.phone())
                || record.chi() != null && !record.chi().equals(person.chi())
                || record.chi() == null && record.agency().equals("hamilton-medical-practice");
    }

    /** One letter inserted, deleted, changed, or two neighbours swapped. */
    private static boolean oneEditApart(String a, String b) {
        if (a.length() == b.length()) {
            return oneCharacterApart(a, b) || adjacentDigitsSwapped(a, b);
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        if (longer.length() != shorter.length() + 1) {
            return false;
        }
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }

    private static boolean oneCharacterApart(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int differences = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                differences++;
            }
        }
        return differences == 1;
    }

    private static boolean adjacentDigitsSwapped(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i + 1 < a.length(); i++) {
            if (a.charAt(i) != a.charAt(i + 1)
                    && (a.substring(0, i) + a.charAt(i + 1) + a.charAt(i) + a.substring(i + 2)).equals(b)) {
                return true;
            }
        }
        return false;
    }

    /** A part of a hyphenated name, or the name with its hyphen made a space or run together. */
    private static boolean isPartOf(String recorded, String hyphenated) {
        int hyphen = hyphenated.indexOf('-');
        if (hyphen < 0) {
            return false;
        }
        return recorded.equals(hyphenated.substring(0, hyphen))
                || recorded.equals(hyphenated.substring(hyphen + 1))
                || recorded.equals(hyphenated.replace('-', ' '))
                || recorded.equalsIgnoreCase(hyphenated.replace("-", ""));
    }

    private static List<List<String>> readCsv(Path file) throws IOException {
        return parseCsv(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field.length() == 0 && row.isEmpty())
                .as("the file ends with a line break")
                .isTrue();
        return rows;
    }
}
