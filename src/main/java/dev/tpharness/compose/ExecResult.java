package dev.tpharness.compose;

/**
 * What a command run inside a service's container returned.
 *
 * @param exitCode the command's exit code
 * @param stdout   everything it wrote to stdout
 * @param stderr   everything it wrote to stderr
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
