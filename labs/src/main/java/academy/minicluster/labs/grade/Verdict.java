package academy.minicluster.labs.grade;

/** How a check came out. */
public enum Verdict {
    /** The cluster does what the check asks. */
    PASS,
    /** It does not; the explanation says why. */
    FAIL,
    /** The check could not be evaluated (e.g. the data plane is not available); it scores nothing. */
    ERROR
}
