package academy.minicluster.web.accounts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What someone typed on the sign-up page, and what is wrong with it, worded for them.
 *
 * @param username        the name they will sign in with
 * @param password        the password, as typed
 * @param confirmPassword the password typed again
 */
public record SignUpForm(String username, String password, String confirmPassword) {

    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 40;
    /** Long enough to resist guessing (NIST SP 800-63B asks at least 8); people may use passphrases. */
    public static final int PASSWORD_MIN = 10;
    /** bcrypt reads only the first 72 bytes: a longer password would silently be cut. */
    public static final int PASSWORD_MAX_BYTES = 72;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public SignUpForm {
        username = username == null ? "" : username.strip();
        password = password == null ? "" : password;
        confirmPassword = confirmPassword == null ? "" : confirmPassword;
    }

    /** Every problem with the form, in the order of its fields; empty when it may be registered. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (username.isEmpty()) {
            problems.add("Choose a username.");
        } else if (username.length() < USERNAME_MIN || username.length() > USERNAME_MAX) {
            problems.add("The username must be " + USERNAME_MIN + " to " + USERNAME_MAX + " characters long.");
        } else if (!USERNAME.matcher(username).matches()) {
            problems.add("The username may contain only lower-case letters, digits, '.', '_' and '-', "
                    + "and must start with a letter or a digit.");
        }
        if (password.length() < PASSWORD_MIN) {
            problems.add("The password must be at least " + PASSWORD_MIN + " characters long.");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            problems.add("The password must be at most " + PASSWORD_MAX_BYTES + " bytes long.");
        } else if (password.equals(username)) {
            problems.add("The password must not be the username.");
        }
        if (!password.equals(confirmPassword)) {
            problems.add("The two passwords do not match.");
        }
        return problems;
    }
}
