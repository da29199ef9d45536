package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code kubectl describe}: fields in {@code describe.go}'s order, aligned as its tabwriter aligns them (padding 2,
 * a column block ends at the first line without a tab), events in their own flushed table.
 */
class KubectlDescribeTest {

    private final Shell shell = KubectlFixture.webApp();

    @Test
    void serviceListsPortsTargetPortsAndEndpoints() {
        assertThat(shell.execute("kubectl describe svc web").stdout()).isEqualTo("""
                Name:                     web
                Namespace:                default
                Labels:                   <none>
                Annotations:              <none>
                Selector:                 app=web
                Type:                     ClusterIP
                IP Family Policy:         SingleStack
                IP Families:              IPv4
                IP:                       10.109.162.249
                IPs:                      10.109.162.249
                Port:                     http  80/TCP
                TargetPort:               http/TCP
                Endpoints:                10.244.1.3:80,10.244.2.2:80,10.244.2.3:80
                Session Affinity:         None
                Internal Traffic Policy:  Cluster
                Events:                   <none>
                """);
    }

    @Test
    void loadBalancerServiceShowsIngressNodePortAndItsEventsTable() {
        assertThat(shell.execute("kubectl describe svc web-lb").stdout()).isEqualTo("""
                Name:                     web-lb
                Namespace:                default
                Labels:                   <none>
                Annotations:              <none>
                Selector:                 app=web
                Type:                     LoadBalancer
                IP Family Policy:         SingleStack
                IP Families:              IPv4
                IP:                       10.100.99.79
                IPs:                      10.100.99.79
                LoadBalancer Ingress:     172.18.255.201 (VIP)
                Port:                     <unset>  80/TCP
                TargetPort:               80/TCP
                NodePort:                 <unset>  31047/TCP
                Endpoints:                10.244.1.3:80,10.244.2.2:80,10.244.2.3:80
                Session Affinity:         None
                External Traffic Policy:  Cluster
                Internal Traffic Policy:  Cluster
                Events:
                  Type    Reason       Age   From                Message
                  ----    ------       ----  ----                -------
                  Normal  IPAllocated  2s    metallb-controller  Assigned IP ["172.18.255.201"]
                """);
    }

    @Test
    void endpointsListSubsetsWithAPortsTable() {
        assertThat(shell.execute("kubectl describe endpoints web").stdout()).isEqualTo("""
                Name:         web
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>
                Subsets:
                  Addresses:          10.244.1.3,10.244.2.2,10.244.2.3
                  NotReadyAddresses:  <none>
                  Ports:
                    Name  Port  Protocol
                    ----  ----  --------
                    http  80    TCP

                Events:  <none>
                """);
    }

    @Test
    void ingressListsRulesWithBackendsAndTheirEndpoints() {
        assertThat(shell.execute("kubectl describe ingress web").stdout()).isEqualTo("""
                Name:             web
                Labels:           <none>
                Namespace:        default
                Address:          172.18.255.200
                Ingress Class:    nginx
                Default backend:  <default>
                Rules:
                  Host             Path  Backends
                  ----             ----  --------
                  web.example.com  \n\
                                   /   web:80 (10.244.1.3:80,10.244.2.2:80,10.244.2.3:80)
                Annotations:       <none>
                Events:            <none>
                """);
    }

    @Test
    void ingressBackendOfAMissingServiceShowsTheError() {
        shell.execute("kubectl create ingress shop --class=nginx --rule=shop.example.com/*=nope:80");

        assertThat(shell.execute("kubectl describe ingress shop").stdout())
                .contains("                    /   nope:80 (<error: services \"nope\" not found>)\n");
    }

    @Test
    void deploymentShowsReplicasStrategyTemplateConditionsAndReplicaSets() {
        assertThat(shell.execute("kubectl describe deploy web").stdout()).isEqualTo("""
                Name:                   web
                Namespace:              default
                CreationTimestamp:      Thu, 01 Jan 2026 09:05:13 +0000
                Labels:                 <none>
                Annotations:            <none>
                Selector:               app=web
                Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
                StrategyType:           RollingUpdate
                MinReadySeconds:        0
                RollingUpdateStrategy:  25% max unavailable, 25% max surge
                Pod Template:
                  Labels:  app=web
                  Containers:
                   whoami:
                    Image:         traefik/whoami:v1.10
                    Port:          80/TCP
                    Host Port:     0/TCP
                    Environment:   <none>
                    Mounts:        <none>
                  Volumes:         <none>
                  Node-Selectors:  <none>
                  Tolerations:     <none>
                Conditions:
                  Type           Status  Reason
                  ----           ------  ------
                  Available      True    MinimumReplicasAvailable
                  Progressing    True    NewReplicaSetAvailable
                OldReplicaSets:  <none>
                NewReplicaSet:   web-7495cc9b7d (3/3 replicas created)
                Events:
                  Type    Reason             Age   From                   Message
                  ----    ------             ----  ----                   -------
                  Normal  ScalingReplicaSet  5s    deployment-controller  Scaled up replica set web-7495cc9b7d from 0 to 3
                """);
    }

    @Test
    void podShowsNodeIpsContainersConditionsAndEvents() {
        assertThat(shell.execute("kubectl describe pod client").stdout()).isEqualTo("""
                Name:             client
                Namespace:        default
                Priority:         0
                Service Account:  default
                Node:             worker/172.18.0.3
                Start Time:       Thu, 01 Jan 2026 09:05:18 +0000
                Labels:           <none>
                Annotations:      <none>
                Status:           Running
                IP:               10.244.1.4
                IPs:
                  IP:  10.244.1.4
                Containers:
                  netshoot:
                    Container ID:  containerd://84ada89a11076aa60fe5ea1becd75947ae13cf9c146623e8785e591d936cca89
                    Image:         nicolaka/netshoot
                    Image ID:      nicolaka/netshoot
                    Port:          <none>
                    Host Port:     <none>
                    Command:
                      sleep
                      3600
                    State:          Running
                      Started:      Thu, 01 Jan 2026 09:05:18 +0000
                    Ready:          True
                    Restart Count:  0
                    Environment:    <none>
                    Mounts:         <none>
                Conditions:
                  Type                        Status
                  PodReadyToStartContainers   True \n\
                  Initialized                 True \n\
                  Ready                       True \n\
                  ContainersReady             True \n\
                  PodScheduled                True \n\
                Volumes:                      <none>
                QoS Class:                    BestEffort
                Node-Selectors:               <none>
                Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
                Events:
                  Type    Reason     Age   From               Message
                  ----    ------     ----  ----               -------
                  Normal  Scheduled  0s    default-scheduler  Successfully assigned default/client to worker
                  Normal  Pulled     0s    kubelet            Container image "nicolaka/netshoot" already present on machine
                  Normal  Created    0s    kubelet            Created container: netshoot
                  Normal  Started    0s    kubelet            Started container netshoot
                """);
    }

    @Test
    void podOfAReplicaSetIsControlledByIt() {
        assertThat(shell.execute("kubectl describe pod web-7495cc9b7d-chvjm").stdout()).contains("""
                IPs:
                  IP:           10.244.2.2
                Controlled By:  ReplicaSet/web-7495cc9b7d
                Containers:
                """);
    }

    @Test
    void podLabelsContinueOnAlignedLines() {
        assertThat(shell.execute("kubectl describe pod web-7495cc9b7d-chvjm").stdout()).contains("""
                Labels:           app=web
                                  pod-template-hash=7495cc9b7d
                """);
    }

    @Test
    void networkPolicyDescribesEachRuleAndPeer() {
        shell.putFile("np.yaml", KubectlFixture.resource("/shell/netpol.yaml"));
        shell.execute("kubectl apply -f np.yaml");

        assertThat(shell.execute("kubectl describe netpol api-allow").stdout()).isEqualTo("""
                Name:         api-allow
                Namespace:    default
                Created on:   2026-01-01 09:05:19 +0000 UTC
                Labels:       <none>
                Annotations:  <none>
                Spec:
                  PodSelector:     app=web
                  Allowing ingress traffic:
                    To Port: 80/TCP
                    From:
                      PodSelector: role=client
                    From:
                      NamespaceSelector: <none>
                    ----------
                    To Port: <any> (traffic allowed to all ports)
                    From:
                      IPBlock:
                        CIDR: 172.18.0.0/16
                        Except: 172.18.0.1/32
                  Not affecting egress traffic
                  Policy Types: Ingress
                """);
    }

    @Test
    void nodeShowsAddressesPodCidrAndItsPods() {
        String out = shell.execute("kubectl describe node worker").stdout();

        assertThat(out).startsWith("""
                Name:               worker
                Roles:              <none>
                Labels:             beta.kubernetes.io/arch=amd64
                """);
        assertThat(out).contains("""
                Addresses:
                  InternalIP:  172.18.0.3
                  Hostname:    worker
                """);
        assertThat(out).contains("""
                PodCIDR:                      10.244.1.0/24
                PodCIDRs:                     10.244.1.0/24
                """);
        assertThat(out).contains("Non-terminated Pods:          (3 in total)\n");
    }

    @Test
    void describeMatchesByNamePrefix() {
        String out = shell.execute("kubectl describe pod web-7495cc9b7d").stdout();

        assertThat(out.split("\n\n\nName:")).hasSize(3);
    }

    @Test
    void describeOfAMissingObjectIsNotFound() {
        ShellResult r = shell.execute("kubectl describe svc nope");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error from server (NotFound): services \"nope\" not found\n");
    }

    @Test
    void describeBySelectorDescribesOnlyTheMatches() {
        String out = shell.execute("kubectl describe pods -l app=web").stdout();

        assertThat(out.split("\n\n\nName:")).hasSize(3);
        assertThat(out).doesNotContain("Name:             client\n");
    }

    @Test
    void secretShowsKeySizesNotValues() {
        shell.execute("kubectl create secret generic creds --from-literal=user=admin --from-literal=pw=s3cret");

        assertThat(shell.execute("kubectl describe secret creds").stdout()).isEqualTo("""
                Name:         creds
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>

                Type:  Opaque

                Data
                ====
                pw:    6 bytes
                user:  5 bytes
                """);
    }
}
