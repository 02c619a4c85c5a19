package org.eecs.robot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The agent's own rules (docs/robot-agent.md). That it reaches none of the backend's modules is kept by Maven (the
 * enforcer's banned dependencies in its pom); these rules keep its packages apart.
 */
@AnalyzeClasses(packages = "org.eecs.robot", importOptions = ImportOption.DoNotIncludeTests.class)
class AgentArchitectureTest {

    @ArchTest
    static final ArchRule talksToTheBackendOverTheWireOnly = noClasses().that().resideInAPackage("org.eecs.robot..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eecs.domain..", "org.eecs.application..",
                    "org.eecs.adapter..", "org.eecs.configuration..", "org.springframework..");

    @ArchTest
    static final ArchRule bodiesKnowNothingOfTurnsOrPerformances = noClasses().that()
            .resideInAPackage("org.eecs.robot.body..").should().dependOnClassesThat()
            .resideInAnyPackage("org.eecs.robot.perform..", "org.eecs.robot.turn..", "org.eecs.robot.backend..",
                    "org.eecs.robot.capture..");

    @ArchTest
    static final ArchRule eachBodyStandsAlone = slices().matching("org.eecs.robot.body.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule thePlanIsPlainData = noClasses().that().resideInAPackage("org.eecs.robot.plan..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eecs.robot.body..", "org.eecs.robot.perform..",
                    "org.eecs.robot.turn..", "org.eecs.robot.backend..", "org.eecs.robot.capture..");

    @ArchTest
    static final ArchRule captureKnowsOnlyWhatItCaptures = noClasses().that().resideInAPackage("org.eecs.robot.capture..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eecs.robot.body..", "org.eecs.robot.perform..",
                    "org.eecs.robot.turn..", "org.eecs.robot.backend..");

    @ArchTest
    static final ArchRule noCycles = slices().matching("org.eecs.robot.(*)..").should().beFreeOfCycles();
}
