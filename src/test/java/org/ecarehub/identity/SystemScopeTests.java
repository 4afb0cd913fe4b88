package org.ecarehub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemScopeTests {

    @Test
    void readsSmartV2LettersInTheirOrder() {
        assertThat(SystemScope.parse("system/Flag.crus")).contains(new SystemScope("Flag", "crus"));
        assertThat(SystemScope.parse("system/*.s")).contains(new SystemScope("*", "s"));
    }

    @Test
    void readsSmartV1AccessAsItsV2Letters() {
        assertThat(SystemScope.parse("system/Patient.read")).contains(new SystemScope("Patient", "rs"));
        assertThat(SystemScope.parse("system/Patient.write")).contains(new SystemScope("Patient", "cud"));
        assertThat(SystemScope.parse("system/*.*")).contains(new SystemScope("*", "cruds"));
    }

    @Test
    void refusesWhatIsNoWholeTypeSystemScope() {
        for (String text : List.of(
                "system/Flag.sr",
                "system/Flag.rrs",
                "system/Flag.",
                "system/Flag.x",
                "system/Flag.rs?category=alert",
                "patient/Flag.rs",
                "user/Flag.rs",
                "system/flag.rs",
                "system/Flag",
                "Flag.rs",
                "")) {
            assertThat(SystemScope.parse(text)).as(text).isEmpty();
        }
        assertThat(SystemScope.parse(null)).isEmpty();
    }

    @Test
    void grantsItsLettersOnItsTypeOrOnEveryTypeForAWildcard() {
        SystemScope flags = SystemScope.parse("system/Flag.rs").orElseThrow();
        SystemScope everything = SystemScope.parse("system/*.c").orElseThrow();

        assertThat(flags.grants("Flag", 'r')).isTrue();
        assertThat(flags.grants("Flag", 's')).isTrue();
        assertThat(flags.grants("Flag", 'c')).isFalse();
        assertThat(flags.grants("CarePlan", 'r')).isFalse();
        assertThat(everything.grants("Communication", 'c')).isTrue();
        assertThat(everything.grants("Communication", 'r')).isFalse();
    }

    @Test
    void keepsOnlyTheLettersServedInSmartsOrder() {
        SystemScope asked = new SystemScope("Task", "cruds");

        assertThat(asked.lettersAmong("sur")).isEqualTo("rus");
        assertThat(asked.lettersAmong("")).isEmpty();
        assertThat(new SystemScope("Task", "rus").text()).isEqualTo("system/Task.rus");
    }

    @Test
    void refusesLettersOutOfOrderWhenBuilt() {
        assertThatThrownBy(() -> new SystemScope("Flag", "sr")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SystemScope("Flag", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SystemScope("Flag", "r").letters()).isEqualTo("r");
    }
}
