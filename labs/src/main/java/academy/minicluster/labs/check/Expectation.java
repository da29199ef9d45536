package academy.minicluster.labs.check;

/**
 * What a probe must show. Null fields are not checked.
 *
 * @param success      the command must exit 0 (true) or not (false)
 * @param status       the HTTP status (curl only: read with {@code -w})
 * @param bodyContains text the output must contain
 * @param servedBy     the workload whose pods must answer (the answer must name one of its pods, as
 *                     {@code traefik/whoami} and agnhost's {@code /hostname} do)
 */
public record Expectation(Boolean success, Integer status, String bodyContains, Workload servedBy) {

    /** A workload by kind and name ({@code deployment web}), or by label selector, in a namespace. */
    public record Workload(String namespace, String deployment, String selector) {
        public String describe() {
            return (deployment != null ? "Deployment " + namespace + "/" + deployment
                    : "pods with " + selector + " in " + namespace);
        }
    }
}
