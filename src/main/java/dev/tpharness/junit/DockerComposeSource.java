package dev.tpharness.junit;

import java.nio.file.Path;

import dev.tpharness.compose.model.ComposeFile;

/** {@link DockerCompose}: the file it names, checked to exist when the declaration is read. */
final class DockerComposeSource implements StackSource<DockerCompose> {

    @Override
    public StackDefinition define(DockerCompose a, String declared) {
        Path path = StackDeclaration.existingFile(a.file(), declared);
        return new StackDefinition(() -> ComposeFile.read(path), a.isolated(), a.build(), a.stopTimeoutSeconds(), a.upTimeoutSeconds());
    }
}
