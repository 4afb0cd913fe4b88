package org.ecarehub.person.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GivenNameVariantsTests {

    private final GivenNameVariants variants = GivenNameVariants.standard();

    @Nested
    class SameName {

        @Test
        void knowsDiminutivesAsTheFormalName() {
            assertThat(variants.areVariants("bob", "robert")).isTrue();
            assertThat(variants.areVariants("rab", "robert")).isTrue();
            assertThat(variants.areVariants("peggy", "margaret")).isTrue();
            assertThat(variants.areVariants("betty", "elizabeth")).isTrue();
            assertThat(variants.areVariants("bill", "william")).isTrue();
        }

        @Test
        void knowsScottishAndGaelicForms() {
            assertThat(variants.areVariants("iain", "john")).isTrue();
            assertThat(variants.areVariants("hamish", "james")).isTrue();
            assertThat(variants.areVariants("eilidh", "helen")).isTrue();
            assertThat(variants.areVariants("mairi", "mary")).isTrue();
            assertThat(variants.areVariants("catriona", "catherine")).isTrue();
        }

        @Test
        void isSymmetric() {
            assertThat(variants.areVariants("robert", "bob")).isTrue();
            assertThat(variants.areVariants("john", "iain")).isTrue();
        }

        @Test
        void takesANameInTwoGroupsAsAVariantOfBoth() {
            assertThat(variants.areVariants("sandy", "alexander")).isTrue();
            assertThat(variants.areVariants("alexander", "sandy")).isTrue();
            assertThat(variants.areVariants("sandy", "alexandra")).isTrue();
            assertThat(variants.areVariants("alexandra", "sandy")).isTrue();
            assertThat(variants.areVariants("bert", "albert")).isTrue();
            assertThat(variants.areVariants("bert", "herbert")).isTrue();
            assertThat(variants.groups("sandy")).hasSizeGreaterThanOrEqualTo(2);
        }

        @Test
        void takesEqualNamesAsVariantsEvenWhenTheTableDoesNotKnowThem() {
            assertThat(variants.areVariants("zebedee", "zebedee")).isTrue();
            assertThat(variants.groups("zebedee")).isEmpty();
        }
    }

    @Nested
    class DifferentNames {

        @Test
        void keepsDifferentFormalNamesApart() {
            assertThat(variants.areVariants("robert", "richard")).isFalse();
            assertThat(variants.areVariants("james", "john")).isFalse();
            assertThat(variants.areVariants("ryan", "ross")).isFalse();
            assertThat(variants.areVariants("margaret", "mary")).isFalse();
        }

        @Test
        void neverChainsThroughASharedNickname() {
            assertThat(variants.areVariants("alexander", "alexandra")).isFalse();
            assertThat(variants.areVariants("sandra", "alexander")).isFalse();
            assertThat(variants.areVariants("albert", "robert")).isFalse();
        }

        @Test
        void takesNoNameAsAVariantOfAnything() {
            assertThat(variants.areVariants("", "")).isFalse();
            assertThat(variants.areVariants(null, "john")).isFalse();
        }
    }

    @Nested
    class Table {

        private static final Pattern GROUP = Pattern.compile("[a-z]+(,[a-z]+)+");

        @Test
        void isOfRealSize() {
            assertThat(variants.groupCount()).isGreaterThanOrEqualTo(300);
            assertThat(variants.nameCount()).isGreaterThanOrEqualTo(1000);
        }

        @Test
        void holdsOnlyLowerCaseAsciiGroupsAndComments() throws IOException {
            String text;
            try (InputStream in = GivenNameVariants.class.getResourceAsStream("given-name-variants.txt")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }

            assertThat(text.lines())
                    .allSatisfy(line -> assertThat(line.isBlank()
                                    || line.startsWith("#")
                                    || GROUP.matcher(line).matches())
                            .as(line)
                            .isTrue());
        }

        @Test
        void spellsEveryNameAsNamesKeySpellsIt() {
            assertThat(variants.names())
                    .allSatisfy(name -> assertThat(Names.key(name)).isEqualTo(name));
        }

        @Test
        void givesAGroupFormalNameFirst() {
            int[] ids = variants.groups("robert");

            assertThat(ids).isNotEmpty();
            assertThat(variants.group(ids[0])).startsWith("robert").contains("bob", "rab");
        }

        @Test
        void givesGroupIdsInAscendingOrder() {
            assertThat(variants.names())
                    .allSatisfy(name -> assertThat(variants.groups(name)).isSorted());
        }

        @Test
        void loadsInUnderFiftyMilliseconds() {
            GivenNameVariants.readResource();
            long start = System.nanoTime();
            GivenNameVariants.readResource();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(50);
        }

        @Test
        void refusesAMalformedLineWithItsNumber() {
            assertThatThrownBy(() -> GivenNameVariants.read(bytes("# names\njohn,iain\njohn,Ian\n")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Line 3");
            assertThatThrownBy(() -> GivenNameVariants.read(bytes("john,,iain\n")))
                    .hasMessageContaining("Line 1");
            assertThatThrownBy(() -> GivenNameVariants.read(bytes("john\n"))).hasMessageContaining("group of one");
        }

        @Test
        void allowsCommentsAfterAGroupAndSpacesAroundNames() {
            GivenNameVariants table = GivenNameVariants.read(bytes("bob, robert # Scots: rab"));

            assertThat(table.areVariants("bob", "robert")).isTrue();
            assertThat(table.groupCount()).isEqualTo(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
