package dev.tpharness.compose;

import dev.tpharness.internal.Values;

/** Byte sizes: {@link Values#size} and {@link Values#humanSize}, under the names this package's code uses. */
final class Sizes {

    private Sizes() {
    }

    static long parseBytes(String text, String where) {
        return Values.size(text, where);
    }

    static String human(long bytes) {
        return Values.humanSize(bytes);
    }
}
