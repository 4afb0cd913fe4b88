package org.ecarehub.person.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTests {

    @Test
    void foldsCaseAccentsAndPunctuation() {
        assertThat(Names.parts("  ZOË  O'Brien ")).containsExactly("zoe", "obrien");
        assertThat(Names.parts("Seán Ó Súilleabháin")).containsExactly("sean", "o", "suilleabhain");
        assertThat(Names.key("Søren")).isEqualTo("soren");
    }

    @Test
    void spellsMcMApostropheAndMacAlike() {
        assertThat(Names.key("McDonald")).isEqualTo("macdonald");
        assertThat(Names.key("MACDONALD")).isEqualTo("macdonald");
        assertThat(Names.key("M'Donald")).isEqualTo("macdonald");
        assertThat(Names.key("Mc Laren")).isEqualTo("maclaren");
        assertThat(Names.parts("Mac Laren")).containsExactly("maclaren");
    }

    @Test
    void leavesNamesThatOnlyStartWithMAlone() {
        assertThat(Names.key("Mack")).isEqualTo("mack");
        assertThat(Names.key("Mcc")).isEqualTo("mcc");
        assertThat(Names.key("Morag")).isEqualTo("morag");
        assertThat(Names.key("Macy")).isEqualTo("macy");
        assertThat(Names.parts("Mc")).containsExactly("mc");
    }

    @Test
    void keepsThePartsOfHyphenatedAndDoubleNames() {
        assertThat(Names.parts("Anne-Marie")).containsExactly("anne", "marie");
        assertThat(Names.key("Anne-Marie")).isEqualTo(Names.key("annemarie"));
        assertThat(Names.parts("Hamilton-Smith")).containsExactly("hamilton", "smith");
    }

    @Test
    void givesNothingForANameWithoutLetters() {
        assertThat(Names.parts(" - ' ")).isEmpty();
        assertThat(Names.parts(null)).isEmpty();
        assertThat(Names.key("")).isEmpty();
    }
}
