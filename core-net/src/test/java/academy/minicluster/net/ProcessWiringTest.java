package academy.minicluster.net;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, step 4: CoreDNS, ingress-nginx and Envoy are ordinary processes of their containers. The data plane
 * hands every process the same surroundings and never asks which image runs; the compiled tables those processes
 * read (routes, zone, upstreams) sit below the processes, knowing neither them nor the controllers.
 */
class ProcessWiringTest {

    private final JavaClasses coreNet = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("academy.minicluster.net");

    @Test
    void theCompiledTablesKnowNoControllerNorProcess() {
        noClasses().that().resideInAnyPackage("academy.minicluster.net.dataplane.ingress..",
                        "academy.minicluster.net.dataplane.gateway..", "academy.minicluster.net.dataplane.proxy..",
                        "academy.minicluster.net.dataplane.dns..")
                .should().dependOnClassesThat().resideInAnyPackage("academy.minicluster.net.controller..",
                        "academy.minicluster.net.workload..")
                .check(coreNet);
    }

    @Test
    void theWalkDeliversToAContainerWithoutAskingItsImage() {
        noClasses().that().haveFullyQualifiedName("academy.minicluster.net.dataplane.DataPlane")
                .or().haveFullyQualifiedName("academy.minicluster.net.dataplane.ContainerServer")
                .should().dependOnClassesThat()
                .haveFullyQualifiedName("academy.minicluster.net.workload.ImageKind")
                .check(coreNet);
    }
}
