package academy.minicluster.net;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * core-net is the bottom of the build: it knows no other module and no framework (ARCHITECTURE.md); inside it,
 * packages depend on each other one way, so each can be read (and changed) knowing only those below it.
 */
class DependencyDirectionTest {

    private final JavaClasses coreNet = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("academy.minicluster.net");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("academy.minicluster.net.(**)").should().beFreeOfCycles().check(coreNet);
    }

    @Test
    void theRulesTheDataPlaneCompilesReadObjectsNotControllers() {
        // What controllers write (addresses, labels) is read through api, as kube-proxy and CoreDNS read the API.
        noClasses().that().resideInAnyPackage("academy.minicluster.net.dataplane.proxy..",
                        "academy.minicluster.net.dataplane.dns..", "academy.minicluster.net.dataplane.policy..",
                        "academy.minicluster.net.probe..", "academy.minicluster.net.trace..")
                .should().dependOnClassesThat().resideInAPackage("academy.minicluster.net.controller..")
                .check(coreNet);
    }

    @Test
    void coreNetDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("academy.minicluster.net..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "academy.minicluster.labs..", "academy.minicluster.content..", "academy.minicluster.web..")
                .check(coreNet);
    }

    @Test
    void coreNetUsesNoQuarkusNorCdi() {
        noClasses().that().resideInAPackage("academy.minicluster.net..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta.enterprise..", "jakarta.inject..", "javax.inject..", "io.smallrye..")
                .check(coreNet);
    }

    @Test
    void coreNetStartsNoThreads() {
        noClasses().that().resideInAPackage("academy.minicluster.net..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                .check(coreNet);
    }
}
