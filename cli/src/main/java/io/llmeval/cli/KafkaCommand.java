package io.llmeval.cli;

import io.llmeval.jobs.cli.DurationConverter;
import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.cli.kafka.KafkaBroker;
import io.llmeval.cli.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code llm-eval kafka start|stop|read}: a local single-node Kafka broker (KRaft) for trying the
 * pipeline and for outside checks. The broker runs in the background from the jars of
 * {@code tools/kafka-broker}; its config, log, PID file and data live in {@code --dir}.
 *
 * <pre>
 * llm-eval kafka start [--port 9092] [--dir .llm-eval/kafka] [--fresh]   # prints 127.0.0.1:9092
 * llm-eval kafka read  --topic llm_metrics [--bootstrap-servers 127.0.0.1:9092]   # committed values, one per line
 * llm-eval kafka stop  [--dir .llm-eval/kafka]
 * </pre>
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Run a local single-node Kafka broker (KRaft) in the background, and read its topics.",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Stop.class, KafkaCommand.Read.class})
public class KafkaCommand implements Runnable {

    static final String DEFAULT_DIR = ".llm-eval/kafka";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: start, stop or read");
    }

    /** {@code llm-eval kafka start}: starts a broker, waits until it serves, prints its bootstrap address. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a Kafka broker on 127.0.0.1 in the background and print its bootstrap address.",
                "Topics are created on first use; data is kept in DIR/data across restarts (see --fresh)."})
    static class Start extends BaseCommand {

        @Option(names = "--port", paramLabel = "PORT", description = "Listener port on 127.0.0.1 (default: 9092).")
        int port = KafkaBroker.DEFAULT_PORT;

        @Option(names = "--dir", paramLabel = "DIR", description = "Config, log, PID file and data (default: " + DEFAULT_DIR + ").")
        Path dir = Path.of(DEFAULT_DIR);

        @Option(names = "--fresh", description = "Delete DIR/data first: start with no topics.")
        boolean fresh;

        @Option(names = "--heap", paramLabel = "SIZE", description = "Maximum heap of the broker JVM (default: 512m).")
        String heap = "512m";

        @Override
        protected int execute() throws Exception {
            if (port < 1 || port > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--port must be in 1..65535, got " + port);
            }
            KafkaBroker broker = KafkaBroker.builder().port(port).dir(dir).freshData(fresh).heap(heap).start();
            out().println(broker.bootstrapServers());
            err().printf("llm-eval kafka: broker running (pid %d), log %s; stop it with 'llm-eval kafka stop --dir %s'%n",
                    broker.pid(), broker.dir().resolve(KafkaBroker.LOG_FILE), dir);
            return ExitCodes.OK;
        }
    }

    /** {@code llm-eval kafka stop}: stops the broker recorded in DIR's PID file. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the Kafka broker started from DIR (SIGTERM, then a kill after --timeout).")
    static class Stop extends BaseCommand {

        @Option(names = "--dir", paramLabel = "DIR", description = "The broker's directory (default: " + DEFAULT_DIR + ").")
        Path dir = Path.of(DEFAULT_DIR);

        @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "DURATION",
                description = "Grace period of the clean shutdown before the process is killed (default: 30s).")
        Duration timeout = Duration.ofSeconds(30);

        @Override
        protected int execute() throws Exception {
            OptionalLong stopped = KafkaBroker.stop(dir, timeout);
            if (stopped.isPresent()) {
                err().printf("llm-eval kafka: stopped broker (pid %d)%n", stopped.getAsLong());
            } else {
                err().printf("llm-eval kafka: no broker running from %s%n", dir);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code llm-eval kafka read}: prints a topic's committed record values, from the beginning to the current end. */
    @Command(name = "read", mixinStandardHelpOptions = true,
            description = {"Print the values of a topic's records, one per line, from the beginning up to its current end.",
                "Reads read_committed (what consumers of the exactly-once sinks see) without a consumer group."})
    static class Read extends BaseCommand {

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers (default: 127.0.0.1:9092).")
        String bootstrapServers = "127.0.0.1:" + KafkaBroker.DEFAULT_PORT;

        @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to read, e.g. llm_metrics or llm_dlq.")
        String topic;

        @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
                description = "Kafka consumer setting, e.g. isolation.level=read_uncommitted (repeatable).")
        Map<String, String> kafkaProperties = new LinkedHashMap<>();

        @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "DURATION",
                description = "Give up when the end is not reached within this time (default: 60s).")
        Duration timeout = Duration.ofSeconds(60);

        @Override
        protected int execute() {
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readToEnd(bootstrapServers, topic, kafkaProperties, timeout);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                out().println(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
            }
            out().flush();
            err().printf("llm-eval kafka: read %d records of %s%n", records.size(), topic);
            return ExitCodes.OK;
        }
    }
}
