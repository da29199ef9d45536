/**
 * The client tools a learner types, as command-line front-ends over
 * {@link academy.minicluster.net.probe.NetworkView}: {@code curl}, {@code wget}, {@code nc}, {@code dig},
 * {@code nslookup}, {@code /agnhost connect}, and {@code hostname}, {@code cat}, {@code echo}, {@code sleep}.
 * {@link academy.minicluster.net.probe.tools.ClientTools} is the entry point; each tool prints and returns what
 * the real one does, given what the network does, and hands back the hops of every question and connection.
 *
 * <p>Choices made where the real world varies (documented so they stay stable):
 * <ul>
 * <li>Versions: curl 8.11.1 (OpenSSL 3), busybox 1.36.1, BIND 9.18.28 dig and nslookup, netcat-openbsd; wget is
 *     busybox's everywhere (GNU wget's output is not modelled).</li>
 * <li>Which nc and nslookup answer: busybox's when the image's executables contain
 *     {@link academy.minicluster.net.probe.tools.ClientTools#BUSYBOX_MARKER}, otherwise netcat-openbsd and
 *     BIND's; getaddrinfo messages are glibc's on the workstation and musl's in pods.</li>
 * <li>Missing command: in a pod or node, containerd's exec error relayed by kubectl, exit 1; on the workstation,
 *     bash's {@code command not found}, exit 127.</li>
 * <li>Time is zero: curl says {@code after 0 ms}, dig {@code Query time: 0 msec}; a timeout reports the limit
 *     that fired ({@code --connect-timeout}, {@code -m}, {@code -T}, {@code -w}) or, with none, the Linux kernel's
 *     127 s SYN timeout. dig's {@code WHEN} is the epoch second given to ClientTools.</li>
 * <li>curl's progress meter is drawn when stdout is not a terminal (pipe, {@code kubectl exec} without
 *     {@code -t}, or {@code -o FILE}), as the terminal shows it after the transfer; line endings are LF.</li>
 * <li>Resolution (curl, wget, nc, agnhost): IPv4 literal, /etc/hosts, then A queries along the search list with
 *     ndots, as glibc and musl do; the cluster is single-stack, so AAAA is asked only by nslookup and dig.</li>
 * </ul>
 */
package academy.minicluster.net.probe.tools;
