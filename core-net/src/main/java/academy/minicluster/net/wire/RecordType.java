package academy.minicluster.net.wire;

/** The DNS record types the cluster's DNS and the client tools deal in. */
public enum RecordType { A, AAAA, CNAME, SRV, PTR, TXT, SOA, NS }
