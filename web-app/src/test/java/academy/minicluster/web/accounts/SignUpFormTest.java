package academy.minicluster.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignUpFormTest {

    private static final String GOOD = "correct horse battery staple";

    @Test
    void aValidFormHasNoProblems() {
        assertThat(new SignUpForm("ada.lovelace_1", GOOD, GOOD).problems()).isEmpty();
    }

    @Test
    void theUsernameIsTrimmed() {
        assertThat(new SignUpForm("  ada  ", GOOD, GOOD).username()).isEqualTo("ada");
    }

    @Test
    void anEmptyUsernameAsksForOne() {
        assertThat(new SignUpForm(null, GOOD, GOOD).problems()).containsExactly("Choose a username.");
    }

    @Test
    void upperCaseAndSpacesAreRefusedWithTheAllowedCharacters() {
        assertThat(new SignUpForm("Ada Lovelace", GOOD, GOOD).problems()).containsExactly(
                "The username may contain only lower-case letters, digits, '.', '_' and '-', "
                        + "and must start with a letter or a digit.");
    }

    @Test
    void aPasswordOverBcryptsSeventyTwoBytesIsRefusedRatherThanCut() {
        String longPassword = "é".repeat(37);
        assertThat(new SignUpForm("ada", longPassword, longPassword).problems())
                .containsExactly("The password must be at most 72 bytes long.");
    }

    @Test
    void thePasswordMayNotBeTheUsername() {
        assertThat(new SignUpForm("adalovelace", "adalovelace", "adalovelace").problems())
                .containsExactly("The password must not be the username.");
    }
}
