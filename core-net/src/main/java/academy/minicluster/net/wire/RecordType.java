package academy.minicluster.net.wire;

/**
 * The DNS record types the cluster's DNS and the client tools deal in: those it answers with records, then types a
 * learner may ask for ({@code dig NAME MX}) that no name in the model has, answered NODATA or NXDOMAIN.
 */
public enum RecordType { A, AAAA, CNAME, SRV, PTR, TXT, SOA, NS,
    MX, HINFO, CAA, NAPTR, DS, DNSKEY, SSHFP, TLSA, SVCB, HTTPS, URI, LOC, RP, SPF }
