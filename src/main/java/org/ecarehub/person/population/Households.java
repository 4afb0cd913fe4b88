package org.ecarehub.person.population;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.ecarehub.person.ChiNumber;

/**
 * Makes synthetic people a household at a time, in the shares of Scottish households: people living alone (younger
 * and older), couples, couples and lone parents with children, adult children still at home and three generations
 * together. Wives of older generations mostly took their husband's name, children mostly their father's; a few
 * families have twins, and some sons are named after their father and some daughters after their mother.
 */
final class Households {

    private enum Kind {
        SINGLE_ADULT(0.20, 0.30),
        SINGLE_OLDER(0.15, 0.35),
        COUPLE(0.28, 0.15),
        COUPLE_WITH_CHILDREN(0.17, 0.20),
        LONE_PARENT(0.09, 0.50),
        THREE_GENERATIONS(0.03, 0.25),
        ADULT_CHILD_WITH_PARENTS(0.08, 0.25);

        final double share;
        final double councilTenancy;

        Kind(double share, double councilTenancy) {
            this.share = share;
            this.councilTenancy = councilTenancy;
        }
    }

    private static final WeightedChoice<Kind> KINDS;

    static {
        WeightedChoice.Builder<Kind> kinds = WeightedChoice.builder();
        for (Kind kind : Kind.values()) {
            kinds.add(kind, kind.share);
        }
        KINDS = kinds.build();
    }

    private static final double MOVED = 0.10;
    private static final double TWINS = 0.03;
    private static final double SON_NAMED_AFTER_FATHER = 0.10;
    private static final double DAUGHTER_NAMED_AFTER_MOTHER = 0.05;
    private static final double SOCIAL_WORK_FAMILY = 0.08;
    private static final double ON_HOUSING_LIST = 0.08;

    /** A person in the making: the names and birth date settle before the CHI is drawn from them. */
    private static final class Member {
        String sex;
        String given;
        String other;
        String family;
        final List<String> previous = new ArrayList<>(1);
        LocalDate dateOfBirth;
        Member twin;
        boolean tenant;
        boolean child;
        String mobile;
    }

    private final SplittableRandom random;
    private final LocalDate asOf;
    private final NameFrequencies names = NameFrequencies.standard();
    private final Addresses addresses;
    private Set<String> chis = new HashSet<>();
    private final List<Resident> residents = new ArrayList<>();
    private int households;

    Households(SplittableRandom random, LocalDate asOf) {
        this.random = random;
        this.asOf = asOf;
        this.addresses = new Addresses(random);
    }

    /** Exactly this many people, the last household cut short if it would overflow. */
    List<Resident> make(int people) {
        chis = new HashSet<>(2 * people + 16);
        while (residents.size() < people) {
            Kind kind = KINDS.pick(random);
            List<Member> members = switch (kind) {
                case SINGLE_ADULT -> singleAdult();
                case SINGLE_OLDER -> singleOlder();
                case COUPLE -> couple();
                case COUPLE_WITH_CHILDREN -> coupleWithChildren();
                case LONE_PARENT -> loneParent();
                case THREE_GENERATIONS -> threeGenerations();
                case ADULT_CHILD_WITH_PARENTS -> adultChildWithParents();
            };
            settle(kind, members.subList(0, Math.min(members.size(), people - residents.size())));
        }
        return residents;
    }

    private List<Member> singleAdult() {
        Member adult = person(sex(), chance(0.55) ? between(18, 40) : between(41, 64), names.familyName(random));
        if ("F".equals(adult.sex) && adult.dateOfBirth.getYear() < 1995 && chance(0.25)) {
            // Separated or divorced, keeping the married name.
            takeName(adult, names.familyName(random), false);
        }
        adult.tenant = true;
        return List.of(adult);
    }

    private List<Member> singleOlder() {
        int age = chance(0.03) ? between(88, 100) : 65 + (int) ((random.nextDouble() + random.nextDouble()) * 11);
        Member older = person(chance(0.62) ? "F" : "M", age, names.familyName(random));
        if ("F".equals(older.sex) && chance(0.85)) {
            takeName(older, names.familyName(random), false);
        }
        older.tenant = true;
        return List.of(older);
    }

    private List<Member> couple() {
        int age = chance(0.3) ? between(20, 40) : 40 + (int) ((random.nextDouble() + random.nextDouble()) * 25);
        List<Member> couple = pair(Math.min(age, 100));
        couple.forEach(partner -> partner.tenant = true);
        return couple;
    }

    private List<Member> coupleWithChildren() {
        int motherAge = between(24, 55);
        List<Member> parents = pair(motherAge);
        parents.forEach(parent -> parent.tenant = true);
        Member mother = parents.get(0);
        Member father = parents.get(1);
        boolean married = mother.family.equals(father.family);
        String childFamily;
        if (married || chance(0.65)) {
            childFamily = father.family;
        } else if (chance(0.57)) {
            childFamily = mother.family;
        } else {
            childFamily = mother.family + "-" + father.family;
        }
        List<Member> household = new ArrayList<>(parents);
        household.addAll(children(mother, father, childFamily, childCount(45, 38, 13, 4)));
        return household;
    }

    private List<Member> loneParent() {
        boolean mother = chance(0.9);
        Member parent =
                person(mother ? "F" : "M", mother ? between(18, 55) : between(22, 60), names.familyName(random));
        if (mother && parent.dateOfBirth.getYear() < 1995 && chance(0.3)) {
            takeName(parent, names.familyName(random), false);
        }
        parent.tenant = true;
        String childFamily = chance(0.55) ? parent.family : names.familyName(random);
        List<Member> household = new ArrayList<>(List.of(parent));
        household.addAll(children(mother ? parent : null, mother ? null : parent, childFamily, childCount(55, 35, 10)));
        return household;
    }

    private List<Member> threeGenerations() {
        int grandmotherAge = between(62, 92);
        List<Member> household = new ArrayList<>();
        Member grandmother;
        Member grandfather = null;
        if (chance(0.7)) {
            List<Member> grandparents = pair(grandmotherAge);
            grandmother = grandparents.get(0);
            grandfather = grandparents.get(1);
            household.addAll(grandparents);
        } else {
            grandmother = person("F", grandmotherAge, names.familyName(random));
            takeName(grandmother, names.familyName(random), false);
            household.add(grandmother);
        }
        household.forEach(grandparent -> grandparent.tenant = true);
        int adultAge = Math.max(22, Math.min(55, grandmotherAge - between(20, 40)));
        Member adult = child(grandmother, grandfather, grandmother.family, adultAge);
        household.add(adult);
        Member partner = null;
        if (chance(0.5)) {
            partner = person(opposite(adult.sex), Math.max(20, adultAge + between(-4, 4)), names.familyName(random));
            if (chance(0.6)) {
                if ("F".equals(adult.sex)) {
                    takeName(adult, partner.family, true);
                } else {
                    takeName(partner, adult.family, true);
                }
            }
            household.add(partner);
        }
        Member mother = "F".equals(adult.sex) ? adult : partner;
        Member father = "M".equals(adult.sex) ? adult : partner;
        String childFamily = father != null ? father.family : adult.family;
        household.addAll(children(mother, father, childFamily, childCount(40, 40, 20)));
        return household;
    }

    private List<Member> adultChildWithParents() {
        int motherAge = between(45, 82);
        List<Member> household = new ArrayList<>();
        Member mother;
        Member father = null;
        if (chance(0.75)) {
            List<Member> parents = pair(motherAge);
            mother = parents.get(0);
            father = parents.get(1);
            household.addAll(parents);
        } else {
            mother = person("F", motherAge, names.familyName(random));
            takeName(mother, names.familyName(random), false);
            household.add(mother);
        }
        household.forEach(parent -> parent.tenant = true);
        int childAge = Math.max(18, motherAge - between(20, 40));
        Member child = child(mother, father, father != null ? father.family : mother.family, childAge);
        if (isMan(father) && "M".equals(child.sex) && chance(0.15)) {
            // John Smith and John Smith at one address: a son named after his father.
            child.given = father.given;
        }
        household.add(child);
        return household;
    }

    /**
     * A couple, nearly always of opposite sexes, the woman first (or one of two men); married couples mostly share the
     * husband's name, more so in older generations.
     */
    private List<Member> pair(int firstAge) {
        boolean sameSex = chance(0.03);
        String firstSex = sameSex && random.nextBoolean() ? "M" : "F";
        Member first = person(firstSex, firstAge, names.familyName(random));
        int partnerAge = Math.max(18, Math.min(100, firstAge + (int) Math.round(2 + random.nextGaussian() * 3)));
        Member second = person(sameSex ? firstSex : "M", partnerAge, names.familyName(random));
        int birthYear = first.dateOfBirth.getYear();
        double married = birthYear < 1960 ? 0.9 : birthYear < 1980 ? 0.7 : 0.45;
        if (chance(married)) {
            if (!sameSex) {
                takeName(first, second.family, true);
            } else if (chance(0.3)) {
                takeName(second, first.family, true);
            }
        }
        return new ArrayList<>(List.of(first, second));
    }

    /** Someone takes a new family name, by marriage or remarriage; a few join the two names with a hyphen. */
    private void takeName(Member member, String newFamily, boolean mayHyphenate) {
        if (member.family.equals(newFamily)) {
            return;
        }
        String firstMarriage = names.familyName(random);
        if (member.dateOfBirth.getYear() < 1975 && chance(0.05) && !firstMarriage.equals(newFamily)) {
            // Married twice: a maiden name and a first married name before this one.
            member.previous.add(member.family);
            member.family = firstMarriage;
        }
        member.previous.add(member.family);
        member.family = mayHyphenate && chance(0.03) ? member.family + "-" + newFamily : newFamily;
    }

    private List<Member> children(Member mother, Member father, String family, int count) {
        Member parent = mother != null ? mother : father;
        int parentAge = age(parent.dateOfBirth);
        int oldest = Math.min(21, parentAge - 19);
        List<Member> children = new ArrayList<>();
        boolean sonNamed = false;
        boolean daughterNamed = false;
        for (int i = 0; i < count && oldest >= 0; i++) {
            Member child;
            if (i == 1 && chance(TWINS)) {
                Member first = children.get(0);
                child = person(chance(0.6) ? first.sex : opposite(first.sex), 0, family);
                child.dateOfBirth = first.dateOfBirth;
                child.given = givenOtherThan(child.sex, child.dateOfBirth.getYear(), family, first.given);
                child.twin = first;
                first.twin = child;
            } else {
                child = child(mother, father, family, between(0, oldest));
            }
            child.child = true;
            if ("M".equals(child.sex) && isMan(father) && !sonNamed && chance(SON_NAMED_AFTER_FATHER)) {
                child.given = father.given;
                sonNamed = true;
            } else if ("F".equals(child.sex)
                    && isWoman(mother)
                    && !daughterNamed
                    && chance(DAUGHTER_NAMED_AFTER_MOTHER)) {
                child.given = mother.given;
                daughterNamed = true;
            }
            children.add(child);
        }
        return children;
    }

    private Member child(Member mother, Member father, String family, int age) {
        Member child = person(sex(), age, family);
        if (chance(0.08)) {
            // A parent's family name as the middle name, as Scottish families often give it.
            Member parent = mother != null && !mother.previous.isEmpty() ? mother : father;
            if (parent != null) {
                child.other = parent.previous.isEmpty() ? parent.family : parent.previous.get(0);
            }
        }
        return child;
    }

    private Member person(String sex, int age, String family) {
        Member member = new Member();
        member.sex = sex;
        member.family = family;
        member.dateOfBirth = asOf.minusYears(age).minusDays(1 + random.nextInt(365));
        int year = member.dateOfBirth.getYear();
        member.given = names.givenName(sex, year, family, random);
        if (chance(0.65)) {
            member.other = chance(0.1) ? names.familyName(random) : givenOtherThan(sex, year, family, member.given);
        }
        return member;
    }

    private String givenOtherThan(String sex, int year, String family, String taken) {
        String given = names.givenName(sex, year, family, random);
        for (int attempt = 0; attempt < 5 && given.equals(taken); attempt++) {
            given = names.givenName(sex, year, family, random);
        }
        return given;
    }

    /** Gives the household a home, telephones and CHI numbers, and adds its members to the population. */
    private void settle(Kind kind, List<Member> members) {
        households++;
        String householdKey = key('H', households);
        Address home = addresses.newHome();
        Address previousHome = null;
        if (chance(MOVED)) {
            previousHome = chance(0.7) ? addresses.newHome(home.town()) : addresses.newHome();
        }
        String housePhone = chance(0.4) ? Phones.landline(home.town(), random) : null;
        // Council tenants, and households on the council's housing list, whom the housing service records too.
        boolean councilTenancy = home.town().southLanarkshire() && chance(kind.councilTenancy + ON_HOUSING_LIST);
        boolean hasChildren = members.stream().anyMatch(member -> member.child);
        boolean socialWorkFamily = hasChildren && home.town().southLanarkshire() && chance(SOCIAL_WORK_FAMILY);
        String parentPhone = null;
        for (Member member : members) {
            int age = age(member.dateOfBirth);
            if (age >= 12 && chance(age >= 75 ? 0.5 : 0.88)) {
                member.mobile = Phones.mobile(random);
                if (!member.child && parentPhone == null) {
                    parentPhone = member.mobile;
                }
            }
        }
        for (Member member : members) {
            avoidStoryPeople(member);
        }
        for (Member member : members) {
            int age = age(member.dateOfBirth);
            String phone = member.mobile;
            if (phone == null) {
                phone = housePhone != null ? housePhone : member.child ? parentPhone : null;
            }
            SyntheticPerson person = new SyntheticPerson(
                    key('P', residents.size() + 1),
                    member.given,
                    member.other,
                    member.family,
                    member.previous,
                    member.dateOfBirth,
                    member.sex,
                    chi(member.dateOfBirth, member.sex),
                    home.text(),
                    home.postcode(),
                    previousHome == null ? null : previousHome.text(),
                    previousHome == null ? null : previousHome.postcode(),
                    phone,
                    householdKey);
            // A tenancy or application names the tenants and every adult who lives with them.
            boolean onTenancy = councilTenancy && (member.tenant || age >= 16);
            residents.add(new Resident(person, age, home, previousHome, housePhone, onTenancy, socialWorkFamily));
        }
    }

    /** Moves a birthday that would pass for a story person's, and a twin's with it. */
    private void avoidStoryPeople(Member member) {
        List<String> givenNames = new ArrayList<>(List.of(member.given));
        List<String> familyNames = new ArrayList<>(member.previous);
        familyNames.add(member.family);
        if (member.twin != null) {
            givenNames.add(member.twin.given);
        }
        member.dateOfBirth = avoidingStoryPeople(givenNames, familyNames, member.dateOfBirth, random);
        if (member.twin != null) {
            member.twin.dateOfBirth = member.dateOfBirth;
        }
    }

    /**
     * The date of birth, moved back a few weeks at a time while some given name with some family name of the person
     * (or of a twin, who shares the date) would pass for a story person's.
     */
    static LocalDate avoidingStoryPeople(
            List<String> givenNames, List<String> familyNames, LocalDate dateOfBirth, SplittableRandom random) {
        LocalDate date = dateOfBirth;
        while (passesForStoryPerson(givenNames, familyNames, date)) {
            date = date.minusDays(1 + random.nextInt(60));
        }
        return date;
    }

    private static boolean passesForStoryPerson(List<String> givenNames, List<String> familyNames, LocalDate date) {
        for (String given : givenNames) {
            for (String family : familyNames) {
                if (StoryPeople.isStoryPerson(given, family, date)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A valid CHI number no one else has: the date as DDMMYY, two serial digits, the sex digit and the check digit. */
    private String chi(LocalDate dateOfBirth, String sex) {
        char[] digits = new char[10];
        put(digits, 0, dateOfBirth.getDayOfMonth());
        put(digits, 2, dateOfBirth.getMonthValue());
        put(digits, 4, dateOfBirth.getYear() % 100);
        while (true) {
            put(digits, 6, random.nextInt(100));
            digits[8] = (char) ('0' + 2 * random.nextInt(5) + ("M".equals(sex) ? 1 : 0));
            var check = ChiNumber.checkDigit(new String(digits, 0, 9));
            if (check.isPresent()) {
                digits[9] = (char) ('0' + check.get());
                String chi = new String(digits);
                if (chis.add(chi)) {
                    return chi;
                }
            }
        }
    }

    private static void put(char[] digits, int at, int twoDigits) {
        digits[at] = (char) ('0' + twoDigits / 10);
        digits[at + 1] = (char) ('0' + twoDigits % 10);
    }

    static String key(char prefix, int number) {
        String digits = Integer.toString(number);
        StringBuilder key = new StringBuilder(8).append(prefix);
        for (int i = digits.length(); i < 6; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    private int age(LocalDate dateOfBirth) {
        return Period.between(dateOfBirth, asOf).getYears();
    }

    private int childCount(int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i + 1;
            }
        }
        return weights.length;
    }

    private static boolean isMan(Member member) {
        return member != null && "M".equals(member.sex);
    }

    private static boolean isWoman(Member member) {
        return member != null && "F".equals(member.sex);
    }

    private String sex() {
        return random.nextBoolean() ? "F" : "M";
    }

    private static String opposite(String sex) {
        return "F".equals(sex) ? "M" : "F";
    }

    private int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }
}
