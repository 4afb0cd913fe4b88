package org.ecarehub.person.population;

import static org.ecarehub.person.population.RecordingError.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ecarehub.person.matching.GivenNameVariants;
import org.ecarehub.person.matching.Names;

/**
 * Makes the records agencies hold of residents, with the errors of {@link RecordingError} at the rates of the
 * {@link Settings}, and counts the errors it made. A record that would pass for a story person's (DEMO.md) is made
 * again, and at worst kept free of errors: the truth never passes for one.
 */
final class RecordingErrors {

    private static final RecordingError[] KINDS = RecordingError.values();
    private static final String UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1925, 1, 1);
    private static final int ATTEMPTS = 5;

    private final double[] rates = new double[KINDS.length];
    private final LocalDate asOf;
    private final SplittableRandom random;
    private final GivenNameVariants variants = GivenNameVariants.standard();
    private final Map<String, List<String>> nicknames = new HashMap<>();
    private final int[] made = new int[KINDS.length];
    private final int[] opportunities = new int[KINDS.length];
    private final int[] attemptMade = new int[KINDS.length];
    private final int[] attemptOpportunities = new int[KINDS.length];

    RecordingErrors(Settings settings, SplittableRandom random) {
        for (RecordingError kind : KINDS) {
            rates[kind.ordinal()] = settings.rate(kind);
        }
        this.asOf = settings.asOf();
        this.random = random;
    }

    /** The resident's record at the agency, as a clerk of that agency would type it. */
    Draft record(Resident resident, Agency agency, boolean duplicate) {
        boolean chiRecorded = agency.chiRecorded >= 1.0 || random.nextDouble() < agency.chiRecorded;
        boolean otherNamesRecorded = random.nextDouble() < agency.otherNamesRecorded;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Arrays.fill(attemptMade, 0);
            Arrays.fill(attemptOpportunities, 0);
            Draft draft = new Draft(resident, agency, duplicate, chiRecorded, otherNamesRecorded);
            makeErrors(draft);
            if (!StoryPeople.isStoryPerson(draft.givenName, draft.familyName, draft.dateOfBirth)) {
                for (int i = 0; i < KINDS.length; i++) {
                    made[i] += attemptMade[i];
                    opportunities[i] += attemptOpportunities[i];
                }
                return draft;
            }
        }
        return new Draft(resident, agency, duplicate, chiRecorded, otherNamesRecorded);
    }

    /** Whether the agency registers the person a second time, under another local id. */
    boolean registersTwice() {
        opportunities[DUPLICATE_REGISTRATION.ordinal()]++;
        if (random.nextDouble() < rates[DUPLICATE_REGISTRATION.ordinal()]) {
            made[DUPLICATE_REGISTRATION.ordinal()]++;
            return true;
        }
        return false;
    }

    /** How many errors of each kind the records carry. */
    Map<RecordingError, Integer> made() {
        return tally(made);
    }

    /** How many records could have had each kind of error. */
    Map<RecordingError, Integer> opportunities() {
        return tally(opportunities);
    }

    private static Map<RecordingError, Integer> tally(int[] counts) {
        EnumMap<RecordingError, Integer> tally = new EnumMap<>(RecordingError.class);
        for (RecordingError kind : KINDS) {
            tally.put(kind, counts[kind.ordinal()]);
        }
        return tally;
    }

    private void makeErrors(Draft draft) {
        names(draft);
        address(draft);
        chi(draft);
        dateOfBirth(draft);
        if (roll(SEX_MISSING)) {
            draft.sex = null;
        } else if (roll(SEX_UNKNOWN)) {
            draft.sex = "U";
        }
        if (draft.phone != null) {
            if (roll(PHONE_MISSING)) {
                draft.phone = null;
            } else if (roll(PHONE_DIFFERENT)) {
                String housePhone = draft.resident.housePhone();
                draft.phone = housePhone != null && !housePhone.equals(draft.phone) && random.nextBoolean()
                        ? housePhone
                        : Phones.mobile(random);
            }
        }
    }

    private void names(Draft draft) {
        SyntheticPerson person = draft.resident.person();
        List<String> previous = person.previousFamilyNames();
        if (!previous.isEmpty() && roll(PREVIOUS_FAMILY_NAME)) {
            draft.familyName = previous.get(previous.size() - 1);
        } else if (!previous.isEmpty()) {
            // Whether the agency keeps the former names is its habit, not an error.
            double keeps = draft.agency == Agency.NHS_LANARKSHIRE ? 0.7 : 0.3;
            draft.previousFamilyNames = random.nextDouble() < keeps ? previous : List.of();
        }
        boolean doubleFamily = draft.familyName.indexOf('-') > 0;
        boolean doubleGiven = draft.givenName.indexOf('-') > 0;
        if ((doubleFamily || doubleGiven) && roll(DOUBLE_NAME_PART)) {
            if (doubleFamily && (!doubleGiven || random.nextBoolean())) {
                draft.familyName = partOfDoubleName(draft.familyName);
            } else {
                draft.givenName = partOfDoubleName(draft.givenName);
            }
        }
        if (draft.agency.nicknames) {
            List<String> shortForms = nicknames(draft.givenName);
            if (!shortForms.isEmpty() && roll(NICKNAME)) {
                draft.givenName = shortForms.get(random.nextInt(shortForms.size()));
            }
        }
        if (roll(NAME_TYPO)) {
            if (random.nextBoolean()) {
                draft.givenName = typo(draft.givenName);
            } else {
                draft.familyName = typo(draft.familyName);
            }
        }
        if (roll(NAME_SPELLING)) {
            if (random.nextInt(4) == 0) {
                draft.givenName = draft.givenName.toUpperCase(Locale.ROOT);
            } else {
                draft.familyName = respelt(draft.familyName);
            }
        }
        // Swapping Grant Grant would be no error at all.
        if (!draft.givenName.equals(draft.familyName) && roll(NAMES_SWAPPED)) {
            String given = draft.givenName;
            draft.givenName = draft.familyName;
            draft.familyName = given;
        }
    }

    /** The short forms a clerk might write for a formal given name: Bob, Rab or Robbie for Robert. */
    private List<String> nicknames(String givenName) {
        return nicknames.computeIfAbsent(givenName, name -> {
            String key = Names.key(name);
            List<String> shortForms = new ArrayList<>();
            for (int id : variants.groups(key)) {
                List<String> group = variants.group(id);
                if (!group.get(0).equals(key)) {
                    continue;
                }
                // The commonest short forms come first in a group; Gaelic forms and long spellings are no nicknames.
                for (String variant : group.subList(1, group.size())) {
                    if (shortForms.size() < 4
                            && (variant.length() <= key.length() || variant.endsWith("ie") || variant.endsWith("y"))) {
                        shortForms.add(Character.toUpperCase(variant.charAt(0)) + variant.substring(1));
                    }
                }
            }
            return List.copyOf(shortForms);
        });
    }

    private String partOfDoubleName(String name) {
        int hyphen = name.indexOf('-');
        return switch (random.nextInt(4)) {
            case 0 -> name.substring(0, hyphen);
            case 1 -> name.substring(hyphen + 1);
            case 2 -> name.replace('-', ' ');
            default -> name.substring(0, hyphen) + name.substring(hyphen + 1).toLowerCase(Locale.ROOT);
        };
    }

    /** One letter, never the first, inserted, deleted, changed or swapped with the next. */
    private String typo(String name) {
        if (name.length() < 3) {
            return name + (char) ('a' + random.nextInt(26));
        }
        StringBuilder typed = new StringBuilder(name);
        int at = 1 + random.nextInt(name.length() - 1);
        switch (random.nextInt(4)) {
            case 0 -> typed.insert(at, (char) ('a' + random.nextInt(26)));
            case 1 -> typed.deleteCharAt(at);
            case 2 -> typed.setCharAt(at, otherLetter(name.charAt(at)));
            default -> {
                if (at + 1 < name.length() && name.charAt(at) != name.charAt(at + 1)) {
                    typed.setCharAt(at, name.charAt(at + 1));
                    typed.setCharAt(at + 1, name.charAt(at));
                } else {
                    typed.setCharAt(at, otherLetter(name.charAt(at)));
                }
            }
        }
        return typed.toString();
    }

    private char otherLetter(char letter) {
        char lower = Character.toLowerCase(letter);
        char other = (char) ('a' + random.nextInt(25));
        return other >= lower ? (char) (other + 1) : other;
    }

    /** The family name spelt another way: Mc for Mac and the reverse, a space in or out, capitals or none. */
    private String respelt(String name) {
        int choice = random.nextInt(4);
        if (isMacName(name)) {
            String rest = name.substring(3);
            String stem = Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
            return switch (choice) {
                case 0 -> "Mc" + stem;
                case 1 -> "Mac " + stem;
                case 2 -> name.toUpperCase(Locale.ROOT);
                default -> rest.equals(stem) ? "Mac" + rest.toLowerCase(Locale.ROOT) : "Mac" + stem;
            };
        }
        if (name.startsWith("Mc") && name.length() > 3) {
            String stem = name.substring(2);
            return switch (choice) {
                case 0 -> "Mac" + stem;
                case 1 -> "Mc " + stem;
                case 2 -> name.toUpperCase(Locale.ROOT);
                default -> "Mc" + stem.toLowerCase(Locale.ROOT);
            };
        }
        if (name.startsWith("O'")) {
            String stem = name.substring(2);
            return switch (choice) {
                case 0 -> "O" + stem;
                case 1 -> "O " + stem;
                default -> name.toUpperCase(Locale.ROOT);
            };
        }
        if (name.indexOf('-') > 0 && choice == 0) {
            return name.replace('-', ' ');
        }
        String upper = name.toUpperCase(Locale.ROOT);
        return choice < 3 && !upper.equals(name) ? upper : name.toLowerCase(Locale.ROOT);
    }

    /** MacDonald, MacKay, Macfarlane: Mac then a capital, or a long name; Mackie and Macy are not Mac names. */
    private static boolean isMacName(String name) {
        return name.startsWith("Mac")
                && name.length() > 4
                && (Character.isUpperCase(name.charAt(3)) || name.length() >= 8);
    }

    private void address(Draft draft) {
        Address previousHome = draft.resident.previousHome();
        if (previousHome != null && roll(OLD_ADDRESS)) {
            draft.home = previousHome;
            draft.address = previousHome.text();
            draft.postcode = previousHome.postcode();
        }
        if (roll(ADDRESS_WRITTEN_DIFFERENTLY)) {
            draft.address = draft.home.writtenDifferently(random);
        }
        if (roll(POSTCODE_MISSING)) {
            draft.postcode = null;
        } else if (roll(POSTCODE_SPELLING)) {
            String postcode = draft.postcode;
            draft.postcode = switch (random.nextInt(4)) {
                case 0 -> postcode.replace(" ", "");
                case 1 -> postcode.toLowerCase(Locale.ROOT);
                case 2 -> postcode.replace(" ", "").toLowerCase(Locale.ROOT);
                default -> postcode.replace(" ", "  ");
            };
        } else if (roll(POSTCODE_WRONG)) {
            draft.postcode = wrongPostcode(draft.postcode);
        }
    }

    /** The postcode with its sector digit or one of its unit letters changed: a postcode still, but not theirs. */
    private String wrongPostcode(String postcode) {
        char[] characters = postcode.toCharArray();
        int at = characters.length - 1 - random.nextInt(3);
        char was = characters[at];
        if (at == characters.length - 3) {
            characters[at] = (char) ('0' + (was - '0' + 1 + random.nextInt(9)) % 10);
        } else {
            int index = UNIT_LETTERS.indexOf(was);
            characters[at] = UNIT_LETTERS.charAt(
                    (index + 1 + random.nextInt(UNIT_LETTERS.length() - 1)) % UNIT_LETTERS.length());
        }
        return new String(characters);
    }

    private void chi(Draft draft) {
        if (draft.chi == null) {
            return;
        }
        if (draft.agency != Agency.NHS_LANARKSHIRE && roll(CHI_MISSING)) {
            draft.chi = null;
            return;
        }
        char[] digits = draft.chi.toCharArray();
        int pair = differentNeighbours(digits);
        if (pair >= 0 && roll(CHI_TRANSPOSED)) {
            char first = digits[pair];
            digits[pair] = digits[pair + 1];
            digits[pair + 1] = first;
            draft.chi = new String(digits);
        } else if (roll(CHI_DIGIT_WRONG)) {
            int at = random.nextInt(10);
            digits[at] = (char) ('0' + (digits[at] - '0' + 1 + random.nextInt(9)) % 10);
            draft.chi = new String(digits);
        }
    }

    /** The first of two different neighbouring digits from a random start: swapping equal ones would be no error. */
    private int differentNeighbours(char[] digits) {
        int start = random.nextInt(digits.length - 1);
        for (int i = 0; i < digits.length - 1; i++) {
            int at = (start + i) % (digits.length - 1);
            if (digits[at] != digits[at + 1]) {
                return at;
            }
        }
        return -1;
    }

    private void dateOfBirth(Draft draft) {
        LocalDate truth = draft.dateOfBirth;
        int day = truth.getDayOfMonth();
        int month = truth.getMonthValue();
        LocalDate swapped = day <= 12 && day != month ? LocalDate.of(truth.getYear(), day, month) : null;
        if (swapped != null && !swapped.isAfter(asOf) && roll(DATE_OF_BIRTH_DAY_MONTH_SWAPPED)) {
            draft.dateOfBirth = swapped;
        } else if (roll(DATE_OF_BIRTH_DIGIT_WRONG)) {
            draft.dateOfBirth = oneDigitWrong(truth);
        } else if (roll(DATE_OF_BIRTH_YEAR_OFF_BY_ONE)) {
            draft.dateOfBirth = yearsOut(truth, 1);
        } else if (roll(DATE_OF_BIRTH_YEAR_OFF_BY_TEN)) {
            draft.dateOfBirth = yearsOut(truth, 10);
        } else if (draft.agency != Agency.NHS_LANARKSHIRE && roll(DATE_OF_BIRTH_MISSING)) {
            draft.dateOfBirth = null;
        } else if (roll(DATE_OF_BIRTH_WRONG)) {
            LocalDate wrong = truth;
            while (wrong.equals(truth)) {
                wrong = EARLIEST_BIRTH.plusDays(random.nextLong(asOf.toEpochDay() - EARLIEST_BIRTH.toEpochDay()));
            }
            draft.dateOfBirth = wrong;
        }
    }

    /** The date with one digit of the day, the month or the year within its century wrong, still a date past. */
    private LocalDate oneDigitWrong(LocalDate truth) {
        int digit = random.nextInt(6);
        int change = 1 + random.nextInt(9);
        // Every digit and change in turn from a random start, so that some change gives a real date.
        for (int tried = 0; tried < 54; tried++) {
            LocalDate wrong = withDigitChanged(truth, (digit + tried / 9) % 6, (change + tried) % 9 + 1);
            if (wrong != null && !wrong.isAfter(asOf)) {
                return wrong;
            }
        }
        return truth;
    }

    /**
     * The date with one digit moved on, or null for no date: digits 0 and 1 are the year's within its century, 2 and 3
     * the month's, 4 and 5 the day's.
     */
    private static LocalDate withDigitChanged(LocalDate date, int digit, int change) {
        int[] parts = {date.getYear() % 100, date.getMonthValue(), date.getDayOfMonth()};
        int part = digit / 2;
        int tens = parts[part] / 10;
        int units = parts[part] % 10;
        if (digit % 2 == 0) {
            tens = (tens + change) % 10;
        } else {
            units = (units + change) % 10;
        }
        parts[part] = tens * 10 + units;
        int year = date.getYear() - date.getYear() % 100 + parts[0];
        if (parts[1] < 1
                || parts[1] > 12
                || parts[2] < 1
                || parts[2] > LocalDate.of(year, parts[1], 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, parts[1], parts[2]);
    }

    private LocalDate yearsOut(LocalDate truth, int years) {
        LocalDate later = truth.plusYears(years);
        return random.nextBoolean() && !later.isAfter(asOf) ? later : truth.minusYears(years);
    }

    private boolean roll(RecordingError kind) {
        int index = kind.ordinal();
        attemptOpportunities[index]++;
        if (rates[index] > 0 && random.nextDouble() < rates[index]) {
            attemptMade[index]++;
            return true;
        }
        return false;
    }
}
