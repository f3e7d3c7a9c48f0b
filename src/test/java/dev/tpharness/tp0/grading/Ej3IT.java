package dev.tpharness.tp0.grading;

/**
 * Exercise 3's checks ({@link Ej3Checks}, shipped in the grader) as a failsafe suite of this
 * build: `./mvnw verify` grades this repository's reference solution with them (tag ej3).
 */
class Ej3IT extends Ej3Checks {
}
