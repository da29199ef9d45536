package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceNetworkTest {

    private final ServiceNetwork network = ServiceNetwork.DEFAULT;

    @Test
    void theDefaultIsKindsServiceNetwork() {
        assertThat(network.serviceCidr()).isEqualTo("10.96.0.0/12");
        assertThat(network.nodePortRange()).isEqualTo("30000-32767");
    }

    @Test
    void containsAddressesOfTheCidrOnly() {
        assertThat(network.containsClusterIp("10.96.0.10")).isTrue();
        assertThat(network.containsClusterIp("10.111.255.255")).isTrue();
        assertThat(network.containsClusterIp("10.112.0.0")).isFalse();
        assertThat(network.containsClusterIp("10.0.0.1")).isFalse();
        assertThat(network.containsClusterIp("not-an-ip")).isFalse();
    }

    @Test
    void neverAllocatesTheNetworkOrBroadcastAddress() {
        assertThat(network.isAllocatableClusterIp("10.96.0.0")).isFalse();
        assertThat(network.isAllocatableClusterIp("10.111.255.255")).isFalse();
        assertThat(network.isAllocatableClusterIp("10.96.0.1")).isTrue();
    }

    @Test
    void theStaticClusterIpBandIsTheFirst256AddressesOfASlash12() {
        assertThat(network.ipStaticBandSize()).isEqualTo(256);
        assertThat(network.ipStaticBandStart()).isEqualTo("10.96.0.1");
        assertThat(network.ipStaticBandEnd()).isEqualTo("10.96.1.0");
        assertThat(network.ipDynamicBandStart()).isEqualTo("10.96.1.1");
        assertThat(network.ipDynamicBandEnd()).isEqualTo("10.111.255.254");
        assertThat(network.inIpStaticBand("10.96.0.10")).isTrue();
        assertThat(network.inIpStaticBand("10.96.1.1")).isFalse();
    }

    @Test
    void smallRangesHaveAStaticBandOfSixteen() {
        ServiceNetwork small = new ServiceNetwork("10.0.0.0/24", 30000, 30010);

        assertThat(small.ipStaticBandSize()).isEqualTo(16);
        assertThat(small.nodePortStaticBandSize()).isZero();
    }

    @Test
    void theStaticNodePortBandEndsAt30085() {
        assertThat(network.nodePortStaticBandSize()).isEqualTo(86);
        assertThat(network.nodePortStaticBandEnd()).isEqualTo(30085);
        assertThat(network.nodePortDynamicBandStart()).isEqualTo(30086);
    }

    @Test
    void addressesByOffset() {
        assertThat(network.ipAt(10)).isEqualTo("10.96.0.10");
        assertThat(network.offsetOf("10.96.1.0")).isEqualTo(256);
        assertThat(network.offsetOf("10.0.0.1")).isEqualTo(-1);
    }

    @Test
    void wordsAnAllocatedClusterIpAsKubeApiserverDoes() {
        assertThat(network.clusterIpAlreadyAllocated(List.of("10.96.0.5"), "10.96.0.5")).hasToString(
                "spec.clusterIPs: Invalid value: []string{\"10.96.0.5\"}: failed to allocate IP 10.96.0.5: provided IP "
                        + "is already allocated");
    }

    @Test
    void wordsAnAllocatedNodePortAsKubeApiserverDoes() {
        assertThat(network.nodePortAlreadyAllocated(0, 30080)).hasToString(
                "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
    }

    @Test
    void wordsANodePortOutOfRangeAsKubeApiserverDoes() {
        assertThat(network.nodePortOutOfRange(1, 8080)).hasToString("spec.ports[1].nodePort: Invalid value: 8080: "
                + "provided port is not in the valid range. The range of valid ports is 30000-32767");
    }

    @Test
    void containsNodePortsOfTheRangeOnly() {
        assertThat(network.containsNodePort(30000)).isTrue();
        assertThat(network.containsNodePort(32767)).isTrue();
        assertThat(network.containsNodePort(32768)).isFalse();
    }

    @Test
    void rejectsANonIpv4Cidr() {
        assertThatThrownBy(() -> new ServiceNetwork("fd00::/108", 30000, 32767))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
