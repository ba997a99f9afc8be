package io.newswatch.cli;

import io.newswatch.kafka.ClientDefaults;
import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.TopicPlan;
import io.newswatch.topics.TopicSpec;
import io.newswatch.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code newswatch topics}: declarative topics from {@code topics/}. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Manage the topics declared in topics/.",
        subcommands = {TopicsCommand.Apply.class, TopicsCommand.ListTopics.class})
final class TopicsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Create missing topics and update configs that differ; never deletes.",
                    "Partition-count drift is reported, not changed. A second run changes nothing."})
    static final class Apply implements Callable<Integer> {

        @Option(names = "--dir", paramLabel = "DIR",
                description = "Topic files (default: ./topics if present, else the copy bundled in the program).")
        Path dir;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replication factor for topics created now (default: as declared; -1 = cluster default).")
        Short replicationFactor;

        @Option(names = "--dry-run", description = "Print the plan; change nothing.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (replicationFactor != null && replicationFactor < 1 && replicationFactor != -1) {
                throw new UsageException("--replication-factor must be -1 or at least 1, got " + replicationFactor);
            }
            Topics topics = Topics.resolve(dir);
            List<TopicSpec> specs = replicationFactor == null ? topics.all()
                    : topics.all().stream().map(s -> s.withReplicationFactor(replicationFactor)).toList();
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = Admin.create(NewswatchCli.kafkaOptions(spec).settings().with(ClientDefaults.admin("newswatch-admin")))) {
                TopicApplier applier = new TopicApplier(admin);
                TopicPlan plan = applier.plan(specs);
                plan.steps().forEach(step -> out.println((dryRun && !(step instanceof TopicPlan.Unchanged) ? "would " : "") + step.describe()));
                if (!plan.hasChanges()) {
                    out.println("no changes: " + specs.size() + " topics from " + topics.origin() + " match the cluster"
                            + (plan.hasDrift() ? " (except the drift reported above)" : ""));
                } else if (dryRun) {
                    out.println("dry run: nothing changed");
                } else {
                    applier.apply(plan);
                    long changed = plan.steps().stream()
                            .filter(s -> s instanceof TopicPlan.Create || s instanceof TopicPlan.UpdateConfigs).count();
                    out.println("applied: " + changed + " of " + specs.size() + " topics changed");
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the declared topics.")
    static final class ListTopics implements Callable<Integer> {
        @Option(names = "--dir", paramLabel = "DIR", description = "Topic files (default: ./topics or the bundled copy).")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Topics topics = Topics.resolve(dir);
            PrintWriter out = spec.commandLine().getOut();
            for (TopicSpec s : topics.all()) {
                out.printf("%-28s %-10s partitions=%d replication=%s %s%n", s.name(),
                        s.role().map(r -> r.key()).orElse("-"), s.partitions(),
                        s.replicationFactor() == -1 ? "default" : s.replicationFactor(), s.configs());
            }
            return ExitCodes.OK;
        }
    }
}
