package io.llmeval.cli;

import io.llmeval.cli.sql.SqlFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job jar that users {@code flink run} holds the jobs only: the project's packages in it are the jobs' and the
 * evaluation functions', never the command line's local tooling (generator, demo, Kafka broker and cluster runners,
 * SQL runner) nor the embedding model (a cluster's lib/ holds it). Runs after {@code package} (failsafe).
 */
class JobJarIT {

    @Test
    void theJobJarHoldsTheJobsAndNoLocalTooling() throws IOException {
        Path jar = SqlFiles.root().resolve("jobs/target/llm-eval-jobs-0.1.0-SNAPSHOT-job.jar");
        assertThat(jar).as("build it with mvn package").isRegularFile();
        Set<String> projectPackages = new TreeSet<>();
        boolean gplSmile;
        try (JarFile jobJar = new JarFile(jar.toFile())) {
            gplSmile = jobJar.stream().anyMatch(e -> e.getName().startsWith("smile/"));
            jobJar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("io/llmeval/") && name.endsWith(".class"))
                    .map(name -> name.substring(0, name.lastIndexOf('/')).replace('/', '.'))
                    .forEach(projectPackages::add);
            assertThat(jobJar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.llmeval.jobs.cli.LlmEvalJobs");
        }

        assertThat(projectPackages).as("the project's packages in the job jar")
                .allMatch(p -> p.startsWith("io.llmeval.jobs") || p.startsWith("io.llmeval.udfs"))
                .contains("io.llmeval.jobs", "io.llmeval.jobs.pipeline", "io.llmeval.jobs.kafka", "io.llmeval.udfs.sql")
                .doesNotContain("io.llmeval.cli.generator", "io.llmeval.cli.demo", "io.llmeval.cli.cluster",
                        "io.llmeval.cli.sql");
        assertThat(projectPackages).noneMatch(p -> p.startsWith("io.llmeval.cli") || p.startsWith("io.llmeval.inference"));
        assertThat(gplSmile).as("Smile (GPL-3.0) is only in the optional stats-smile module").isFalse();
    }
}
