package org.ecarehub.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    @Test
    void acceptsALongPassphrase() {
        assertThat(PasswordPolicy.problem("ann.smith", "heather on the braes in june"))
                .isEmpty();
    }

    @Test
    void refusesFewerThanTwelveCharacters() {
        assertThat(PasswordPolicy.problem("ann.smith", "Sh0rt!pass"))
                .contains("a password needs at least 12 characters");
    }

    @Test
    void refusesThePasswordContainingTheUsername() {
        assertThat(PasswordPolicy.problem("ann.smith", "my name is ann.smith"))
                .contains("a password may not contain the username");
    }

    @Test
    void refusesACommonPasswordWhateverItsCase() {
        assertThat(PasswordPolicy.problem("ann.smith", "PASSWORD1234"))
                .contains("this password is among the most common ones; choose another");
    }

    @Test
    void refusesTheDemoPasswordOutsideTheDemo() {
        assertThat(PasswordPolicy.problem("ann.smith", "demo")).isPresent();
    }

    @Test
    void refusesARepeatedCharacter() {
        assertThat(PasswordPolicy.problem("ann.smith", "zzzzzzzzzzzzzzzz")).isPresent();
    }
}
