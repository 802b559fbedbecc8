package io.newsflow.stack.junit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;

/**
 * The architecture rules every module's tests check on its main classes (ArchUnit), kept in one place so that each
 * module states only its root package and, where a port keeps a layer free of a library, which packages those are.
 *
 * <p>Cycles are checked at two depths: between top-level packages taken with their subpackages (so that
 * {@code core.extract -> statements -> core.text} counts), and between single packages (so that {@code core} and
 * {@code core.extract} do not lean on each other either). The module's root package is a slice of its own in both:
 * the service class there wires everything, and nothing below it may reach back.
 */
public final class ModuleArchitecture {
    /** Kafka's client and Streams types, for {@link #assertPackagesDoNotUse}. */
    public static final String KAFKA = "org.apache.kafka..";

    private static final String ROOT_SLICE = "(root)";

    private final String rootPackage;
    private final JavaClasses classes;

    private ModuleArchitecture(String rootPackage) {
        this.rootPackage = rootPackage;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** The main (not test) classes under {@code rootPackage}, for instance {@code io.newsflow.ingest}. */
    public static ModuleArchitecture of(String rootPackage) {
        return new ModuleArchitecture(rootPackage);
    }

    /** Fails when packages of the module depend on each other in a circle, at either depth. */
    public void assertNoPackageCycles() {
        slices().assignedFrom(packagesBelowRoot(true)).should().beFreeOfCycles().check(classes);
        slices().assignedFrom(packagesBelowRoot(false)).should().beFreeOfCycles().check(classes);
    }

    /**
     * Fails when a class in one of the {@code subpackages} (relative to the root, with their own subpackages) uses a
     * type from one of the {@code forbidden} packages (ArchUnit package patterns such as {@link #KAFKA}).
     */
    public void assertPackagesDoNotUse(String[] subpackages, String... forbidden) {
        String[] patterns = Arrays.stream(subpackages).map(sub -> rootPackage + "." + sub + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(patterns)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .check(classes);
    }

    /** Names each class's slice: its package below the root, or only the first segment of it when {@code topLevel}. */
    private SliceAssignment packagesBelowRoot(boolean topLevel) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(rootPackage)) {
                    return SliceIdentifier.of(ROOT_SLICE);
                }
                if (!name.startsWith(rootPackage + ".")) {
                    return SliceIdentifier.ignore();
                }
                String below = name.substring(rootPackage.length() + 1);
                int dot = below.indexOf('.');
                return SliceIdentifier.of(topLevel && dot >= 0 ? below.substring(0, dot) : below);
            }

            @Override
            public String getDescription() {
                return (topLevel ? "top-level packages of " : "packages of ") + rootPackage;
            }
        };
    }
}
