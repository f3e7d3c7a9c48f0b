package dev.tpharness.tp0.grading;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tpharness.grading.Assignment;
import dev.tpharness.grading.Exercise;
import dev.tpharness.tp0.grading.support.Tp0Grading;
import dev.tpharness.tp0.grading.support.Tp0Target;
import dev.tpharness.tp0.grading.support.Tp0TargetException;

/**
 * TP0 part 1 as an assignment of the grading kit: exercises ej1 to ej4, graded on branch
 * {@code ejN} of a repository (else its working tree), with this project's reference solution
 * as the default. Registered in {@code META-INF/services/dev.tpharness.grading.Assignment}.
 */
public final class Tp0Part1 implements Assignment {

    /** The name {@code --assignment} takes. */
    public static final String NAME = "tp0";

    private static final List<Exercise> EXERCISES = List.of(
            new Exercise("ej1", Ej1Checks.class, "echo server and client in Docker Compose; generar-compose.sh"),
            new Exercise("ej2", Ej2Checks.class, "configuration files mounted as volumes"),
            new Exercise("ej3", Ej3Checks.class, "validar-echo-server.sh with netcat inside the compose network"),
            new Exercise("ej4", Ej4Checks.class, "graceful shutdown on SIGTERM"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "TP0 part 1";
    }

    @Override
    public List<Exercise> exercises() {
        return EXERCISES;
    }

    @Override
    public Map<String, String> parameters(Optional<Path> repository, Path runDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Tp0Grading.OUTPUT_DIR_PARAMETER, runDir.toString());
        repository.ifPresent(r -> p.put(Tp0Target.REPO_PARAMETER, r.toString()));
        return p;
    }

    @Override
    public void checkGradable(Path repository, Path workDir) {
        try {
            Tp0Target.resolve(Optional.of(repository.toString()), Tp0Grading.projectRoot(), workDir);
        } catch (Tp0TargetException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> reference() {
        return Optional.of("this repository's reference solution");
    }
}
