package dev.tpharness.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import dev.tpharness.compose.ComposeStack;

/** What both extensions do the same way: inject the scope's {@link ComposeStack}, attach evidence to failures. */
interface StackParameterSupport extends ParameterResolver, TestExecutionExceptionHandler {

    @Override
    default boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ComposeStack.class && StackScopes.supports(context, this);
    }

    @Override
    default Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return StackScopes.resolve(context);
    }

    @Override
    default void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw StackScopes.withEvidence(context, this, throwable);
    }
}
