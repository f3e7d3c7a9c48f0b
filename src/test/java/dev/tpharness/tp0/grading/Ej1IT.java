package dev.tpharness.tp0.grading;

/**
 * Exercise 1's checks ({@link Ej1Checks}, shipped in the grader) as a failsafe suite of this
 * build: `./mvnw verify` grades this repository's reference solution with them (tag ej1).
 */
class Ej1IT extends Ej1Checks {
}
