package io.llmeval.cli.sql;

import org.apache.flink.shaded.asm9.org.objectweb.asm.ClassReader;
import org.apache.flink.shaded.asm9.org.objectweb.asm.ClassVisitor;
import org.apache.flink.shaded.asm9.org.objectweb.asm.Opcodes;
import org.apache.flink.shaded.asm9.org.objectweb.asm.commons.ClassRemapper;
import org.apache.flink.shaded.asm9.org.objectweb.asm.commons.Remapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job jar is what Flink's SQL client loads with {@code -j}: every class {@code sql/functions.sql} names
 * must be in it with everything it can reach, apart from the JDK and Flink (the distribution's lib/). Runs
 * after {@code package} (failsafe), over {@code jobs/target/llm-eval-jobs-0.1.0-SNAPSHOT-job.jar}.
 */
class SqlClientJarIT {

    private static final Pattern FUNCTION_CLASS = Pattern.compile("AS '([\\w.$]+)' LANGUAGE JAVA");
    /** Provided by the JVM or by a Flink distribution. */
    private static final List<String> PROVIDED = List.of("java/", "javax/", "jdk/", "sun/", "org/apache/flink/");

    @Test
    void theJobJarHoldsEveryFunctionAndAllItReaches() throws IOException {
        Path jar = SqlFiles.root().resolve("jobs/target/llm-eval-jobs-0.1.0-SNAPSHOT-job.jar");
        assertThat(jar).as("build it with mvn package").isRegularFile();
        Set<String> functions = new TreeSet<>();
        Matcher m = FUNCTION_CLASS.matcher(Files.readString(SqlFiles.root().resolve("sql/functions.sql")));
        while (m.find()) {
            functions.add(m.group(1).replace('.', '/'));
        }
        assertThat(functions).hasSizeGreaterThanOrEqualTo(9);

        Set<String> missing = new TreeSet<>();
        Set<String> seen = new HashSet<>(functions);
        Deque<String> todo = new ArrayDeque<>(functions);
        try (JarFile jobJar = new JarFile(jar.toFile())) {
            assertThat(jobJar.getEntry("sql/functions.sql")).isNotNull();
            while (!todo.isEmpty()) {
                String name = todo.pop();
                ZipEntry entry = jobJar.getEntry(name + ".class");
                if (entry == null) {
                    missing.add(name);
                    continue;
                }
                for (String referenced : references(jobJar, entry)) {
                    if (PROVIDED.stream().noneMatch(referenced::startsWith) && seen.add(referenced)) {
                        todo.push(referenced);
                    }
                }
            }
        }
        assertThat(missing).as("classes the SQL functions reach that the job jar lacks").isEmpty();
        assertThat(seen).as("the sketch library comes along").anyMatch(c -> c.startsWith("com/datadoghq/sketch/"));
    }

    /** Every class a class file names: supertypes, fields, signatures, instructions, annotations. */
    private static Set<String> references(JarFile jar, ZipEntry entry) throws IOException {
        Set<String> names = new HashSet<>();
        Remapper recorder = new Remapper() {
            @Override
            public String map(String internalName) {
                names.add(internalName);
                return internalName;
            }
        };
        try (InputStream in = jar.getInputStream(entry)) {
            new ClassReader(in).accept(new ClassRemapper(new ClassVisitor(Opcodes.ASM9) {}, recorder), 0);
        }
        names.removeIf(n -> n.startsWith("["));
        return names;
    }
}
