package academy.minicluster.labs.lab;

/**
 * What a lab asks of the learner: to build something step by step ({@code guided}), or to find and fix a fault
 * ({@code troubleshooting}), where the cause of a failed check is the answer and is not shown by default.
 */
public enum LabKind {
    guided,
    troubleshooting
}
