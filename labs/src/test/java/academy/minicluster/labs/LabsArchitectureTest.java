package academy.minicluster.labs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The labs module's packages depend on each other one way, and only the tool knows about picocli. */
class LabsArchitectureTest {

    private static final JavaClasses LABS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("academy.minicluster.labs");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("academy.minicluster.labs.(*)..").should().beFreeOfCycles().check(LABS);
    }

    @Test
    void onlyTheCommandLineToolUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("academy.minicluster.labs.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(LABS);
    }

    @Test
    void theModelKnowsNothingOfTheTool() {
        noClasses().that().resideOutsideOfPackage("academy.minicluster.labs.cli..")
                .should().dependOnClassesThat().resideInAPackage("academy.minicluster.labs.cli..").check(LABS);
    }
}
