package academy.minicluster.net.dataplane.dns;

/**
 * What a name of the cluster zone is, read before any lookup (CoreDNS's {@code parseRequest}): a
 * {@link RecordRequest}, or one of the names that are not one.
 */
sealed interface ZoneName permits RecordRequest, ZoneName.Branch, ZoneName.NotKubernetes, ZoneName.TooLong {

    /** The zone apex, {@code svc.zone} or {@code pod.zone}: names that exist and hold nothing (CoreDNS: NODATA). */
    record Branch() implements ZoneName {
    }

    /** The label left of the zone is neither {@code svc} nor {@code pod} ({@code errInvalidRequest}: NXDOMAIN). */
    record NotKubernetes() implements ZoneName {
    }

    /** More labels left of the service than any form has ({@code errInvalidRequest}: NXDOMAIN). */
    record TooLong(String namespace, RecordRequest.Kind kind) implements ZoneName {
    }

    /**
     * {@code parseRequest}: {@code base} is the lower-cased name without the zone ({@code web.default.svc}), empty
     * for the apex.
     */
    static ZoneName parse(String base) {
        if (base.isEmpty() || base.equals("svc") || base.equals("pod")) {
            return new Branch();
        }
        String[] segs = base.split("\\.", -1);
        int last = segs.length - 1;
        RecordRequest.Kind kind = switch (segs[last]) {
            case "svc" -> RecordRequest.Kind.SVC;
            case "pod" -> RecordRequest.Kind.POD;
            default -> null;
        };
        if (kind == null) {
            return new NotKubernetes();
        }
        String namespace = segs[last - 1];
        String service = last >= 2 ? segs[last - 2] : "";
        int left = last - 2;
        if (left == 1) {
            return new RecordRequest("", "", segs[0], service, namespace, kind);
        }
        if (left == 2) {
            return new RecordRequest(stripUnderscore(segs[0]), stripUnderscore(segs[1]), "", service, namespace, kind);
        }
        if (left > 2) {
            return new TooLong(namespace, kind);
        }
        return new RecordRequest("", "", "", service, namespace, kind);
    }

    private static String stripUnderscore(String s) {
        return s.startsWith("_") ? s.substring(1) : s;
    }
}
