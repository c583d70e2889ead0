package com.shipjoy;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries, checked on the production classes of every module. Each rule refuses to pass on an empty
 * selection, so a package that was renamed or not imported fails instead of passing vacuously.
 */
@AnalyzeClasses(packages = "com.shipjoy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The shared language (commands, events, value objects) depends on nothing else of ours. */
    @ArchTest
    static final ArchRule eventsDependOnNothingOfOurs = noClasses()
            .that().resideInAPackage("com.shipjoy.events..")
            .should().dependOnClassesThat(
                    resideInAPackage("com.shipjoy..").and(resideOutsideOfPackage("com.shipjoy.events..")))
            .allowEmptyShould(false);

    /** Read models are built from events only, never from the write model. */
    @ArchTest
    static final ArchRule projectionsDoNotDependOnTheCommandSide = noClasses()
            .that().resideInAPackage("com.shipjoy.projections..")
            .should().dependOnClassesThat().resideInAPackage("com.shipjoy.command..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule queriesDoNotDependOnTheCommandSide = noClasses()
            .that().resideInAPackage("com.shipjoy.query..")
            .should().dependOnClassesThat().resideInAPackage("com.shipjoy.command..")
            .allowEmptyShould(false);

    /** The shared infrastructure knows no feature module. */
    @ArchTest
    static final ArchRule platformDoesNotDependOnFeatures = noClasses()
            .that().resideInAPackage("com.shipjoy.platform..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("com.shipjoy.command..", "com.shipjoy.projections..", "com.shipjoy.query..")
            .allowEmptyShould(false);
}
