package academy.minicluster.net.wire;

import java.util.List;
import java.util.Objects;

/**
 * A DNS server's answer to one question.
 *
 * @param question   the name asked, fully qualified with the trailing dot
 * @param type       the type asked
 * @param rcode      NOERROR (with or without answers: no answers is NODATA), NXDOMAIN, ...
 * @param authoritative whether the AA flag is set (CoreDNS sets it for the cluster zone)
 * @param answers    the answer section
 * @param authority  the authority section (the zone's SOA for NXDOMAIN and NODATA)
 * @param additional the additional section (e.g. A records of SRV targets)
 */
public record DnsResponse(String question, RecordType type, Rcode rcode, boolean authoritative,
                          List<DnsRecord> answers, List<DnsRecord> authority, List<DnsRecord> additional) {

    public DnsResponse {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rcode, "rcode");
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    /** NOERROR with an empty answer: the name exists but has no record of the type asked. */
    public boolean isNoData() {
        return rcode == Rcode.NOERROR && answers.isEmpty();
    }
}
