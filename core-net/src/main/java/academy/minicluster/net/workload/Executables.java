package academy.minicluster.net.workload;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.EnumMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commands each image carries in {@code $PATH} (plus its own binary at {@code /}), from the images' build files:
 * <ul>
 *   <li>busybox: the BusyBox applets (wget, nc, nslookup, ping, ip, telnet, traceroute, ...); no curl, no dig;</li>
 *   <li>alpine-based images (curlimages/curl, agnhost, ingress-nginx) have Alpine's BusyBox applets too;
 *       agnhost adds {@code bind-tools curl netcat-openbsd iproute2 iperf bash} ({@code test/images/agnhost/Dockerfile});</li>
 *   <li>nginx (debian slim): coreutils, bash, and {@code curl}, which the image installs next to nginx
 *       ({@code apt-get install ... gettext-base curl}); no wget, ping, nc, nslookup, dig or ip;</li>
 *   <li>nicolaka/netshoot: its network toolbox;</li>
 *   <li>hashicorp/http-echo (distroless static), traefik/whoami and pause (scratch): their one binary, no shell.</li>
 * </ul>
 */
final class Executables {

    private Executables() {
    }

    private static final List<String> BUSYBOX_APPLETS = List.of(
            "[", "[[", "arp", "arping", "ash", "awk", "base64", "basename", "cat", "chgrp", "chmod", "chown", "cp",
            "cut", "date", "dd", "df", "diff", "dirname", "dmesg", "dnsdomainname", "du", "echo", "egrep", "env",
            "expr", "false", "fgrep", "find", "free", "grep", "gunzip", "gzip", "head", "hexdump", "hostname", "httpd",
            "id", "ifconfig", "ip", "ipcalc", "kill", "less", "ln", "ls", "md5sum", "mkdir", "more", "mount", "mv",
            "nc", "netstat", "nslookup", "od", "ping", "ping6", "printenv", "printf", "ps", "pwd", "readlink",
            "realpath", "rm", "rmdir", "route", "sed", "seq", "sh", "sha1sum", "sha256sum", "sleep", "sort", "stat",
            "tail", "tar", "tee", "telnet", "test", "timeout", "top", "touch", "tr", "traceroute", "traceroute6",
            "true", "udhcpc", "uname", "uniq", "uptime", "vi", "watch", "wc", "wget", "which", "whoami", "xargs",
            "yes", "zcat");

    /** Alpine's BusyBox lacks a few applets the busybox image has (e.g. httpd is split out, telnet is absent). */
    private static final List<String> ALPINE_BASE = BUSYBOX_APPLETS.stream()
            .filter(c -> !Set.of("httpd", "telnet", "[[", "udhcpc").contains(c)).toList();

    private static final List<String> DEBIAN_SLIM = List.of(
            "[", "apt", "apt-get", "awk", "base64", "basename", "bash", "cat", "chmod", "chown", "cp", "cut", "dash",
            "date", "dd", "df", "dirname", "du", "echo", "egrep", "env", "expr", "false", "find", "grep", "gzip",
            "head", "hostname", "id", "kill", "ln", "ls", "md5sum", "mkdir", "mv", "od", "printenv", "printf", "pwd",
            "readlink", "realpath", "rm", "rmdir", "sed", "seq", "sh", "sha256sum", "sleep", "sort", "stat", "tail",
            "tar", "tee", "test", "timeout", "touch", "tr", "true", "uname", "uniq", "wc", "which", "whoami", "xargs",
            "yes");

    private static final List<String> NETSHOOT = List.of(
            "bash", "bird", "bridge", "calicoctl", "conntrack", "ctop", "curl", "dig", "drill", "ethtool", "fortio",
            "grpcurl", "host", "httpie", "iftop", "ip", "ipcalc", "iperf", "iperf3", "ipset", "iptables",
            "iptables-save", "ipvsadm", "jq", "mtr", "nc", "ncat", "netstat", "nft", "nmap", "nping", "nslookup",
            "openssl", "ping", "ping6", "scapy", "socat", "ss", "strace", "swaks", "tcpdump", "tcptraceroute",
            "termshark", "tshark", "vim", "websocat", "wget", "zsh");

    /** Each image's executables, computed once: a container starts with every pod, and the sets never change. */
    private static final Map<ImageKind, Set<String>> BY_KIND = new EnumMap<>(ImageKind.class);

    static {
        for (ImageKind kind : ImageKind.values()) {
            BY_KIND.put(kind, compute(kind));
        }
    }

    static Set<String> of(ImageKind kind) {
        return BY_KIND.get(kind);
    }

    private static Set<String> compute(ImageKind kind) {
        TreeSet<String> set = new TreeSet<>();
        switch (kind) {
            case BUSYBOX -> set.addAll(BUSYBOX_APPLETS);
            case BUSYBOXPLUS -> {
                set.addAll(BUSYBOX_APPLETS);
                set.add("curl");
            }
            case CURL -> {
                set.addAll(ALPINE_BASE);
                set.add("curl");
                set.add("/entrypoint.sh");
            }
            case AGNHOST -> {
                set.addAll(ALPINE_BASE);
                set.addAll(List.of("/agnhost", "/agnhost-2", "/coredns", "bash", "curl", "delv", "dig", "host", "iperf",
                        "nsupdate", "ss", "bridge"));
            }
            case NETSHOOT -> {
                set.addAll(ALPINE_BASE);
                set.addAll(NETSHOOT);
            }
            case NGINX -> {
                set.addAll(DEBIAN_SLIM);
                set.addAll(List.of("curl", "envsubst", "nginx", "nginx-debug", "/docker-entrypoint.sh"));
            }
            case INGRESS_NGINX_CONTROLLER -> {
                set.addAll(ALPINE_BASE);
                set.addAll(List.of("bash", "nginx", "/nginx-ingress-controller", "/dbg", "/wait-shutdown"));
            }
            case ECHOSERVER -> {
                set.addAll(DEBIAN_SLIM);
                set.addAll(List.of("nginx", "run.sh", "/usr/local/bin/run.sh"));
            }
            case SERVE_HOSTNAME -> {
                set.addAll(BUSYBOX_APPLETS);
                set.add("/serve_hostname");
            }
            case HELLO_APP -> set.add("/hello-app");
            case DNSUTILS -> {
                set.addAll(DEBIAN_SLIM);
                set.addAll(List.of("dig", "nslookup", "host", "nsupdate"));
            }
            case HTTP_ECHO -> set.add("/http-echo");
            case WHOAMI -> set.add("/whoami");
            case ECHO_BASIC -> set.add("/echo-basic");
            case ENVOY_GATEWAY -> set.add("/usr/local/bin/envoy-gateway");
            case ENVOY_PROXY -> set.addAll(List.of("/docker-entrypoint.sh", "envoy"));
            case PAUSE -> set.add("/pause");
            case COREDNS -> set.add("/coredns");
            case UNKNOWN -> set.addAll(List.of("cat", "echo", "env", "hostname", "ls", "sh", "sleep"));
        }
        return Collections.unmodifiableSet(set);
    }

    private static final List<String> PATH = List.of(
            "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /**
     * Whether {@code command} can be started: a bare name is looked up in {@code $PATH}; a path names a file
     * ({@code /bin/sh}, {@code /agnhost}).
     */
    static boolean contains(Set<String> executables, String command) {
        if (command.isEmpty()) {
            return false;
        }
        if (!command.contains("/")) {
            return executables.contains(command);
        }
        if (executables.contains(command)) {
            return true;
        }
        int slash = command.lastIndexOf('/');
        String dir = command.substring(0, slash);
        return PATH.contains(dir) && executables.contains(command.substring(slash + 1));
    }

    /** The runtime's words for a command it cannot find, as {@code kubectl exec} and container start show them. */
    static String notFoundMessage(String command) {
        if (command.contains("/")) {
            return "exec: \"" + command + "\": stat " + command + ": no such file or directory";
        }
        return "exec: \"" + command + "\": executable file not found in $PATH";
    }
}
