package academy.minicluster.net.wire;

/** DNS response codes, as dig prints them in {@code status:}. */
public enum Rcode { NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED }
