package dev.tpharness.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tpharness.compose.ComposeStack;

/**
 * docs/harness.md names every public type and every public member of the assignment-neutral
 * library, so the reference cannot fall behind the API. The library is every package under
 * {@code dev.tpharness} except {@code internal} (not API), {@code grading} (the grading kit, which
 * docs/writing-an-assignment.md documents) and {@code tp0} (the reference system and its
 * assignment), found by walking the compiled classes: a new package or class is checked
 * without touching this test.
 *
 * <p>The rule, for every class, interface, record, enum and annotation that is public (nested
 * ones too, when every enclosing type is public):
 * <ul>
 *   <li><b>Type</b>: its name appears anywhere in the document as a word: the simple name for a
 *       top-level type ({@code ProbeException}), {@code Outer.Inner} for a nested one
 *       ({@code HttpProbe.PublishedPortLookup}).</li>
 *   <li><b>Member</b> (public methods, constructors and fields declared by the type itself, enum
 *       constants and record accessors included): it is mentioned <em>in code</em> (an inline code
 *       span, or a fenced block) inside a block of the document that names the declaring type. A
 *       block is a paragraph, one list item, one row of a table (the header row included) or one
 *       fenced code block; it names
 *       the type when its text, the heading of its section, or for a table row the table's header
 *       row or the paragraph right before the table (which introduces it) contains the type's
 *       simple name as a word
 *       (for a nested type, the simple name of the type or of a type enclosing it: the
 *       {@code ComposeStack.Builder} table sits under the heading naming {@code ComposeStack}).
 *       Blocks keep the rule strict (a name as common as {@code of} or {@code service}, documented
 *       for one type, does not count for another type documented in another paragraph) without
 *       tying it to the layout: the type named in the row, the list item, the paragraph introducing
 *       the table or the heading above is enough. Overloads share one mention. What counts as a mention:
 *       <ul>
 *         <li>a method: {@code name(} (a call or signature, e.g. {@code awaitExit(service, timeout)}),
 *             {@code .name} or {@code ::name} (e.g. {@code stack::port}), or a code span that is
 *             exactly the name ({@code `file`} in a table of annotation elements);</li>
 *         <li>a field or enum constant: its name as a word in code ({@code DEFAULT_IMAGE});</li>
 *         <li>a constructor: {@code TypeName(} (so {@code new TypeName(..)} or the record form
 *             {@code TypeName(a, b)});</li>
 *         <li>a record accessor: as a method, or as a component in the record form
 *             {@code TypeName(a, b, ...)} in code;</li>
 *         <li>an annotation's {@code value()} element: {@code @TypeName(} in code.</li>
 *       </ul></li>
 * </ul>
 * Not checked: members inherited rather than declared (also those inherited from a non-public
 * supertype); {@code toString()}, {@code equals(Object)}, {@code hashCode()} and an enum's
 * {@code values()}/{@code valueOf(String)}, which every object, record or enum has; synthetic and
 * bridge methods (lambdas, generic bridges); non-public members. Every missing name is listed in
 * one failure message.
 */
class HarnessDocsTest {

    /** Top-level packages under dev.tpharness that are not the library's public API. */
    private static final Set<String> NOT_API = Set.of("internal", "grading", "tp0");

    private static final Pattern HEADING = Pattern.compile("^#{1,6} .*");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d+\\.) .*");

    private static List<Block> blocks;
    private static String docs;

    @BeforeAll
    static void readDocs() throws IOException {
        docs = Files.readString(Path.of(System.getProperty("tp.project.root", "")).resolve("docs/harness.md"));
        blocks = Block.split(docs);
    }

    @Test
    void everyPublicTypeAndMemberOfTheLibraryIsInTheReference() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : libraryTypes()) {
            if (!Pattern.compile(word(docName(type))).matcher(docs).find()) {
                missing.add("type   " + docName(type) + " (" + type.getPackageName() + ")");
            }
            List<Block> naming = blocks.stream().filter(b -> b.names(type)).toList();
            publicMembers(type).stream().filter(m -> naming.stream().noneMatch(b -> b.mentions(type, m)))
                    .map(m -> "member " + describe(type, m)).sorted().forEach(missing::add);
        }
        assertTrue(missing.isEmpty(), () -> "docs/harness.md does not mention " + missing.size()
                + " public name(s) of the library (see HarnessDocsTest's Javadoc for what counts as a mention):\n  "
                + String.join("\n  ", missing));
    }

    /** Guards the check itself: it sees the library's packages and nested types, and no internal or TP0 class. */
    @Test
    void theCheckSeesTheWholeLibraryAndNothingElse() throws Exception {
        List<Class<?>> types = libraryTypes();
        assertThat(types.stream().map(Class::getPackageName).collect(Collectors.toSet())).contains(
                "dev.tpharness.junit", "dev.tpharness.compose", "dev.tpharness.compose.model", "dev.tpharness.probe",
                "dev.tpharness.logs", "dev.tpharness.shutdown", "dev.tpharness.assertions");
        assertThat(types.stream().map(Class::getName)).contains("dev.tpharness.probe.HttpProbe$PublishedPortLookup",
                "dev.tpharness.compose.ComposeStack$Builder", "dev.tpharness.junit.DockerCompose");
        assertThat(types.stream().map(Class::getName))
                .noneMatch(n -> n.startsWith("dev.tpharness.internal.") || n.startsWith("dev.tpharness.tp0."));
        assertThat(blocks).hasSizeGreaterThan(20);
        assertThat(blocks.stream().map(Block::heading).distinct().count()).isGreaterThan(5);
    }

    private static List<Class<?>> libraryTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(ComposeStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("dev/tpharness");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                Path rel = root.relativize(f);
                String file = f.getFileName().toString();
                if (rel.getNameCount() < 2 || NOT_API.contains(rel.getName(0).toString())
                        || file.equals("package-info.class") || file.equals("module-info.class")) {
                    continue;
                }
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, HarnessDocsTest.class.getClassLoader());
                if (isApi(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    /** Public, and reachable: every enclosing type public too; never anonymous, local or synthetic. */
    private static boolean isApi(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static List<Member> publicMembers(Class<?> type) {
        List<Member> members = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !isUniversal(type, m)) {
                members.add(m);
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (Modifier.isPublic(c.getModifiers()) && !c.isSynthetic()) {
                members.add(c);
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && !f.isSynthetic()) {
                members.add(f);
            }
        }
        return members;
    }

    /** Methods every object, record or enum has, whatever the type documents. */
    private static boolean isUniversal(Class<?> type, Method m) {
        Class<?>[] p = m.getParameterTypes();
        return switch (m.getName()) {
            case "toString", "hashCode" -> p.length == 0;
            case "equals" -> p.length == 1 && p[0] == Object.class;
            case "values" -> type.isEnum() && p.length == 0;
            case "valueOf" -> type.isEnum() && p.length == 1 && p[0] == String.class;
            default -> false;
        };
    }

    /** {@code Outer.Inner} for a nested type, the simple name otherwise. */
    private static String docName(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName() : docName(type.getEnclosingClass()) + "." + type.getSimpleName();
    }

    private static String describe(Class<?> type, Member m) {
        if (m instanceof Constructor<?> c) {
            return "new " + docName(type) + "(" + Arrays.stream(c.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (m instanceof Method method) {
            return docName(type) + "." + m.getName() + "(" + Arrays.stream(method.getParameterTypes())
                    .map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
        }
        return docName(type) + "." + m.getName();
    }

    /** A regex for {@code text} as a whole word: no identifier character right before or after. */
    private static String word(String text) {
        return "(?<![\\w$])" + Pattern.quote(text) + "(?![\\w$])";
    }

    /**
     * A block of the document: a paragraph, one list item, one row of a table or a fenced code
     * block, with the heading of its section, what introduces it (for a table row: the paragraph
     * right before the table and the header row) and the code in it (inline code spans, or the
     * whole fenced block).
     */
    private record Block(String heading, String intro, String text, List<String> code) {

        static List<Block> split(String markdown) {
            List<Block> result = new ArrayList<>();
            String heading = "";
            List<String> lines = new ArrayList<>();
            StringBuilder fence = null;
            for (String line : markdown.split("\n", -1)) {
                if (fence != null) {
                    if (line.startsWith("```")) {
                        result.add(new Block(heading, "", fence.toString(), List.of(fence.toString())));
                        fence = null;
                    } else {
                        fence.append(line).append('\n');
                    }
                    continue;
                }
                boolean heads = HEADING.matcher(line).matches();
                if (line.isBlank() || heads || line.startsWith("```") || LIST_ITEM.matcher(line).matches()) {
                    add(result, heading, lines);
                }
                if (heads) {
                    heading = line;
                } else if (line.startsWith("```")) {
                    fence = new StringBuilder();
                } else if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            add(result, heading, lines);
            return result;
        }

        private static void add(List<Block> blocks, String heading, List<String> lines) {
            if (lines.isEmpty()) {
                return;
            }
            if (!lines.get(0).startsWith("|")) {
                blocks.add(new Block(heading, "", String.join("\n", lines), codeIn(String.join("\n", lines))));
            } else {
                // each row of a table is a block (the header row too), introduced by the paragraph
                // right before the table ("`@DockerCompose` elements:") and by the header row
                Block before = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
                String paragraph = before != null && before.heading().equals(heading) && before.intro().isEmpty()
                        && !before.isFence() ? before.text() : "";
                String intro = paragraph + "\n" + lines.get(0);
                blocks.add(new Block(heading, paragraph, lines.get(0), codeIn(lines.get(0))));
                for (String row : lines.subList(1, lines.size())) {
                    if (!row.matches("^\\|[\\s:|-]*$")) { // not the |---|---| line
                        blocks.add(new Block(heading, intro, row, codeIn(row)));
                    }
                }
            }
            lines.clear();
        }

        private static List<String> codeIn(String text) {
            List<String> code = new ArrayList<>();
            Matcher m = INLINE_CODE.matcher(text);
            while (m.find()) {
                code.add(m.group(1));
            }
            return List.copyOf(code);
        }

        private boolean isFence() {
            return code.size() == 1 && code.get(0).equals(text);
        }

        /**
         * Whether the block names the type, or for a nested type a type enclosing it, or its
         * section's heading does, or (for a table row) the paragraph before the table or its header.
         */
        boolean names(Class<?> type) {
            for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
                Pattern name = Pattern.compile(word(t.getSimpleName()));
                if (name.matcher(text).find() || name.matcher(intro).find() || name.matcher(heading).find()) {
                    return true;
                }
            }
            return false;
        }

        boolean mentions(Class<?> type, Member m) {
            String name = type.getSimpleName();
            if (m instanceof Constructor<?>) {
                return inCode("(?<![\\w$])" + Pattern.quote(name) + "\\(");
            }
            if (m instanceof Field) {
                return inCode(word(m.getName()));
            }
            String n = m.getName();
            if (code.stream().anyMatch(c -> c.strip().equals(n))
                    || inCode("(?<![\\w$])" + Pattern.quote(n) + "\\(|(?:\\.|::)" + Pattern.quote(n) + "(?![\\w$])")) {
                return true;
            }
            if (type.isRecord() && Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getName().equals(n))
                    && recordForms(name).contains(n)) {
                return true;
            }
            return type.isAnnotation() && n.equals("value") && inCode("@" + Pattern.quote(name) + "\\(");
        }

        private boolean inCode(String regex) {
            Pattern p = Pattern.compile(regex);
            return code.stream().anyMatch(c -> p.matcher(c).find());
        }

        /** The names listed in every {@code TypeName(a, b, ...)} in code: a record's components. */
        private Set<String> recordForms(String typeName) {
            Pattern form = Pattern.compile("(?<![\\w$])" + Pattern.quote(typeName) + "\\(([^()]*)\\)");
            Set<String> names = new LinkedHashSet<>();
            for (String c : code) {
                Matcher m = form.matcher(c);
                while (m.find()) {
                    for (String part : m.group(1).split(",")) {
                        Matcher id = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)").matcher(part);
                        if (id.find()) {
                            names.add(id.group(1));
                        }
                    }
                }
            }
            return names;
        }
    }
}
