package academy.minicluster.net.shell;

/**
 * Which shell runs a script, for the words of its errors: bash at the learner's prompt (and {@code bash -c} in an
 * image that has bash), BusyBox ash in busybox and Alpine-based images, dash as Debian's {@code /bin/sh}.
 */
enum ShDialect {
    /** GNU bash at the workstation's interactive prompt. */
    BASH_INTERACTIVE,
    /** {@code bash -c '...'}: bash names the line of its script. */
    BASH_C,
    /** BusyBox ash ({@code sh} in busybox, alpine, curlimages/curl, agnhost, netshoot). */
    ASH,
    /** dash, Debian's {@code /bin/sh} (nginx, dnsutils). */
    DASH;

    /** The shell's name as its messages start. */
    String prefix() {
        return switch (this) {
            case BASH_INTERACTIVE -> "bash: ";
            case BASH_C -> "bash: line 1: ";
            case ASH -> "sh: ";
            case DASH -> "sh: 1: ";
        };
    }

    /** A command that is not in {@code $PATH} (exit 127). */
    String notFound(String command) {
        return switch (this) {
            case BASH_INTERACTIVE, BASH_C -> prefix() + command + ": command not found\n";
            case ASH, DASH -> prefix() + command + ": not found\n";
        };
    }

    /** A token the grammar did not expect where it stood (exit 2). */
    String unexpectedToken(String token) {
        return switch (this) {
            case BASH_INTERACTIVE -> "bash: syntax error near unexpected token `" + token + "'\n";
            case BASH_C -> "bash: -c: line 1: syntax error near unexpected token `" + token + "'\n";
            case ASH -> "sh: syntax error: unexpected \"" + token + "\"\n";
            case DASH -> "sh: 1: Syntax error: \"" + token + "\" unexpected\n";
        };
    }

    /** The script ended inside a construct ({@code expecting} is its closing word, or null). */
    String unexpectedEnd(String expecting) {
        return switch (this) {
            case BASH_INTERACTIVE -> "bash: syntax error: unexpected end of file\n";
            case BASH_C -> "bash: -c: line 2: syntax error: unexpected end of file\n";
            case ASH -> "sh: syntax error: unexpected end of file"
                    + (expecting == null ? "" : " (expecting \"" + expecting + "\")") + "\n";
            case DASH -> "sh: 1: Syntax error: end of file unexpected"
                    + (expecting == null ? "" : " (expecting \"" + expecting + "\")") + "\n";
        };
    }

    /** A quote left open. */
    String unterminatedQuote(char quote) {
        return switch (this) {
            case BASH_INTERACTIVE -> "bash: unexpected EOF while looking for matching `" + quote + "'\n";
            case BASH_C -> "bash: -c: line 1: unexpected EOF while looking for matching `" + quote + "'\n";
            case ASH -> "sh: syntax error: unterminated quoted string\n";
            case DASH -> "sh: 1: Syntax error: Unterminated quoted string\n";
        };
    }

    /** A file a redirection cannot open for writing. */
    String cannotCreate(String file, String why) {
        return switch (this) {
            case BASH_INTERACTIVE, BASH_C -> prefix() + file + ": " + why + "\n";
            case ASH -> "sh: can't create " + file + ": " + why + "\n";
            case DASH -> "sh: 1: cannot create " + file + ": " + why + "\n";
        };
    }

    /** A file a {@code <} redirection cannot open. */
    String cannotOpen(String file) {
        return switch (this) {
            case BASH_INTERACTIVE, BASH_C -> prefix() + file + ": No such file or directory\n";
            case ASH -> "sh: can't open '" + file + "': No such file or directory\n";
            case DASH -> "sh: 1: cannot open " + file + ": No such file\n";
        };
    }

    /** What the shell says when a value outgrows the memory it may use. */
    String outOfMemory() {
        return switch (this) {
            case BASH_INTERACTIVE, BASH_C -> prefix() + "xmalloc: cannot allocate memory\n";
            case ASH, DASH -> "sh: out of memory\n";
        };
    }
}
