package io.newsflow.app;

import io.newsflow.app.dlq.DeadLetterCounts;
import io.newsflow.app.dlq.DeadLetterDescription;
import io.newsflow.app.dlq.DeadLetterFacts;
import io.newsflow.app.dlq.DlqKafka;
import io.newsflow.app.dlq.DlqPosition;
import io.newsflow.app.dlq.RedriveDecision;
import io.newsflow.app.dlq.RedriveFilter;
import io.newsflow.app.dlq.RedriveLedger;
import io.newsflow.app.dlq.RedriveSummary;
import io.newsflow.app.dlq.TimeWindow;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.RawArticle;
import io.newsflow.schemas.serde.AvroDeserializer;
import io.newsflow.schemas.serde.RegistryUnavailableException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsflow dlq list|show|redrive}: read the dead-letter topic and put dead letters back once fixed. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "The dead-letter topic: count, show, redrive.",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.ShowCommand.class, DlqCommand.RedriveCommand.class})
public final class DlqCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: try `dlq list`, `dlq show` or `dlq redrive`");
    }

    /** picocli's reader of {@code --since} / {@code --until}: the error names the format it wants. */
    static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return TimeWindow.parseTime(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --since} / {@code --until} (a picocli mixin of list and redrive). */
    static final class TimeOptions {
        @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
                description = "Only dead letters that failed at or after TIME: " + TimeWindow.EXPECTED_FORMAT + ".")
        Instant since;

        @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
                description = "Only dead letters that failed before TIME (same format).")
        Instant until;
    }

    /** What every dlq subcommand shares: the configuration, the timeout and the time window. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
                description = "How long Kafka may take to answer (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Spec
        CommandSpec spec;

        PipelineSettings settings;

        abstract String name();

        abstract int run(PrintWriter out) throws Exception;

        @Override
        public final Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            Optional<PipelineSettings> loaded = PipelineSettings.load(config, err, "dlq " + name() + ": ");
            if (loaded.isEmpty()) {
                return 1;
            }
            settings = loaded.get();
            try {
                return run(spec.commandLine().getOut());
            } catch (IllegalStateException | KafkaException e) {
                err.println("dlq " + name() + ": " + e.getMessage());
                return 1;
            } finally {
                spec.commandLine().getOut().flush();
            }
        }

        Duration timeout() {
            return Duration.ofSeconds(timeoutSeconds);
        }

        String deadLetterTopic() {
            return settings.topics().deadLetters().name();
        }

        TimeWindow window(Instant since, Instant until) {
            try {
                return TimeWindow.of(since, until);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        <T extends SpecificRecord> AvroDeserializer<T> deserializer(Class<T> type) {
            AvroDeserializer<T> deserializer = new AvroDeserializer<>(type);
            deserializer.configure(settings.registry().serdeConfig(), false);
            return deserializer;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Counts the dead letters by source topic, reason and day (UTC), reading the dead-letter"
                    + " topic from its beginning to its current end (committed records only), then stops.")
    static final class ListCommand extends Base {
        @Mixin
        TimeOptions time;

        @Override
        String name() {
            return "list";
        }

        @Override
        int run(PrintWriter out) {
            DeadLetterCounts counts = new DeadLetterCounts(window(time.since, time.until));
            AvroDeserializer<DeadLetter> letters = deserializer(DeadLetter.class);
            DlqKafka.readToEnd(settings.kafka(), deadLetterTopic(), timeout(), record -> {
                Map<String, String> headers = DlqKafka.headers(record.headers());
                counts.add(DeadLetterFacts.fromHeaders(headers).orElseGet(() -> DeadLetterFacts.of(
                        letters.deserialize(record.topic(), record.value()), headers)));
            });
            out.println(deadLetterTopic() + ":");
            counts.table().forEach(out::println);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows dead letters: their headers, reason, message, stage, where the original came from"
                    + " and a readable original (the summary of a raw or clean article, else a preview).")
    static final class ShowCommand extends Base {
        @Parameters(paramLabel = "PARTITION:OFFSET|ARTICLE-ID",
                description = "Where the dead letter sits (e.g. 2:1043, as `dlq list` and the logs give it), or an"
                        + " article id: every dead letter keyed by it.")
        String what;

        @Override
        String name() {
            return "show";
        }

        @Override
        int run(PrintWriter out) {
            AvroDeserializer<DeadLetter> letters = deserializer(DeadLetter.class);
            AvroDeserializer<RawArticle> raw = deserializer(RawArticle.class);
            AvroDeserializer<CleanArticle> clean = deserializer(CleanArticle.class);
            String rawTopic = settings.topics().raw().name();
            String cleanTopic = settings.topics().clean().name();
            Map<String, DeadLetterDescription.Decoder> decoders = Map.of(
                    rawTopic, bytes -> raw.deserialize(rawTopic, bytes),
                    cleanTopic, bytes -> clean.deserialize(cleanTopic, bytes));
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            if (DlqPosition.looksLikePosition(what)) {
                DlqKafka.readAt(settings.kafka(), deadLetterTopic(), DlqPosition.parse(what), timeout())
                        .ifPresent(found::add);
            } else {
                DlqKafka.readToEnd(settings.kafka(), deadLetterTopic(), timeout(), record -> {
                    if (record.key() != null && what.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                });
            }
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("dlq show: no dead letter " + (DlqPosition.looksLikePosition(what)
                        ? "at " + deadLetterTopic() + " " + what : "with article id '" + what + "' on " + deadLetterTopic()));
                return 1;
            }
            for (ConsumerRecord<byte[], byte[]> record : found) {
                DeadLetterDescription.lines(record.topic(), new DlqPosition(record.partition(), record.offset()),
                        DlqKafka.headers(record.headers()), letters.deserialize(record.topic(), record.value()),
                        decoders).forEach(out::println);
            }
            return 0;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Puts dead letters back on the topic they came from (original key, value and headers), each"
                    + " at most once: every redriven one is recorded in dlq.redrivenTopic in the same Kafka"
                    + " transaction as its record, so a second redrive (or one after a crash) does not repeat it."
                    + " TOO_LARGE dead letters (truncated originals) are never redriven.")
    static final class RedriveCommand extends Base {
        static final int BATCH = 200;

        @Option(names = "--reason", paramLabel = "REASON",
                description = "Only dead letters of this reason (repeatable; default: every reason). One of:"
                        + " ${COMPLETION-CANDIDATES}.")
        List<FailureReason> reasons = new ArrayList<>();

        @Mixin
        TimeOptions time;

        @Option(names = "--topic", paramLabel = "TOPIC",
                description = "Only dead letters whose original came from TOPIC (the raw or the clean topic).")
        String topic;

        @Option(names = "--dry-run", description = "Say what would be redriven; write nothing.")
        boolean dryRun;

        @Override
        String name() {
            return "redrive";
        }

        @Override
        int run(PrintWriter out) {
            RedriveFilter filter = new RedriveFilter(reasons.stream().map(Enum::name).collect(Collectors.toSet()),
                    window(time.since, time.until), Optional.ofNullable(topic));
            String ledgerTopic = settings.redrivenTopic();
            Set<String> inputs = Set.of(settings.topics().raw().name(), settings.topics().clean().name());
            boolean ledgerExists = DlqKafka.exists(settings.kafka(), ledgerTopic, timeout());
            if (!ledgerExists && !dryRun) {
                throw new IllegalStateException("the redrive ledger topic '" + ledgerTopic + "' does not exist on Kafka"
                        + " at " + settings.kafka().bootstrapServers() + ": create it with `newsflow topics create`");
            }
            RedriveSummary summary = new RedriveSummary(dryRun);
            RedriveLedger ledger = new RedriveLedger(deadLetterTopic());
            AvroDeserializer<DeadLetter> letters = deserializer(DeadLetter.class);
            // The transactional producer starts first: that aborts a crashed redrive's open transaction, so the
            // ledger read next (read_committed) is complete.
            try (DlqKafka.Redriver redriver = dryRun ? null
                    : new DlqKafka.Redriver(settings.kafka(), deadLetterTopic(), ledgerTopic)) {
                if (ledgerExists) {
                    DlqKafka.readToEnd(settings.kafka(), ledgerTopic, timeout(),
                            record -> ledger.apply(record.key(), record.value()));
                }
                Set<String> redriven = ledger.redriven();
                List<RedriveDecision.Redrive> batch = new ArrayList<>();
                DlqKafka.readToEnd(settings.kafka(), deadLetterTopic(), timeout(), record -> {
                    DlqPosition position = new DlqPosition(record.partition(), record.offset());
                    DeadLetter letter;
                    try {
                        letter = letters.deserialize(record.topic(), record.value());
                    } catch (RegistryUnavailableException e) {
                        throw e;
                    } catch (SerializationException e) {
                        summary.count(new RedriveDecision.NotRedrivable(position, "(unreadable)",
                                RedriveDecision.UNREADABLE));
                        return;
                    }
                    DeadLetterFacts facts = DeadLetterFacts.of(letter, DlqKafka.headers(record.headers()));
                    RedriveDecision decision = RedriveDecision.of(position, letter, facts, filter, redriven,
                            ledger.key(position), inputs);
                    if (decision instanceof RedriveDecision.Redrive redrive && redriver != null) {
                        batch.add(redrive);
                        if (batch.size() >= BATCH) {
                            redriver.commit(batch, ledger, Instant.now());
                            batch.forEach(summary::count);
                            batch.clear();
                        }
                    } else {
                        summary.count(decision);
                    }
                });
                if (redriver != null) {
                    redriver.commit(batch, ledger, Instant.now());
                    batch.forEach(summary::count);
                }
            }
            out.println(deadLetterTopic() + " -> " + String.join(", ", inputs.stream().sorted().toList())
                    + " (ledger " + ledgerTopic + "):");
            summary.lines().forEach(out::println);
            return 0;
        }
    }
}
