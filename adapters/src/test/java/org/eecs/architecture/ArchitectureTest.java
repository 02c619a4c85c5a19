package org.eecs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's dependency rules, over the production classes of every backend module (domain, application,
 * perception and adapters are all on this module's classpath). See docs/architecture.md.
 */
class ArchitectureTest {

    private static JavaClasses eecs;

    @BeforeAll
    static void importClasses() {
        eecs = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.eecs");
    }

    @Test
    void theDomainDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("org.eecs.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.eecs.domain..")
                .check(eecs);
    }

    @Test
    void theApplicationDependsOnlyOnTheDomainAndTheJdk() {
        classes().that().resideInAPackage("org.eecs.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.eecs.domain..", "org.eecs.application..")
                .check(eecs);
    }

    @Test
    void perceptionIsALibraryOfItsOwn_onTheJdkAndOnnxRuntimeOnly() {
        classes().that().resideInAPackage("org.eecs.perception..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "ai.onnxruntime..", "org.eecs.perception..")
                .check(eecs);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        slices().matching("org.eecs.adapter.(*).(*)..")
                .should().notDependOnEachOther()
                .check(eecs);
    }

    @Test
    void theSharedYamlReaderKnowsNoAdapter() {
        classes().that().resideInAPackage("org.eecs.adapter.yaml..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.yaml.snakeyaml..", "org.springframework.core.io..",
                        "org.eecs.adapter.yaml..")
                .check(eecs);
    }

    @Test
    void theSharedTextWriterKnowsNoAdapter() {
        classes().that().resideInAPackage("org.eecs.adapter.text..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.eecs.adapter.text..")
                .check(eecs);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.eecs.(**)")
                .should().beFreeOfCycles()
                .check(eecs);
    }
}
