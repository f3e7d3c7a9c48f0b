package dev.tpharness.tp0.grading;

/**
 * Exercise 4's checks ({@link Ej4Checks}, shipped in the grader) as a failsafe suite of this
 * build: `./mvnw verify` grades this repository's reference solution with them (tag ej4).
 */
class Ej4IT extends Ej4Checks {
}
