package io.newswatch.cli;

import io.newswatch.broker.PortInUseException;
import io.newswatch.topics.TopicSpecException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * {@code newswatch}: the one program. Each subcommand is a {@code Callable<Integer>} returning an
 * {@link ExitCodes exit code}; only {@link #main} calls {@code System.exit}.
 */
@Command(name = "newswatch",
        mixinStandardHelpOptions = true,
        versionProvider = NewswatchCli.Version.class,
        description = "Event-streaming news monitor on Apache Kafka.",
        subcommands = {
                BrokerCommand.class,
                TopicsCommand.class,
                IngestCommand.class,
                MatchCommand.class,
                StoriesCommand.class,
                RunCommand.class,
                AlertsCommand.class,
                NotifyCommand.class,
                SilenceCommand.class,
                WatchlistCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (cluster unreachable, record not delivered, …)", "2:bad usage or bad input"})
public final class NewswatchCli implements Runnable {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests with captured output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new NewswatchCli());
        cli.setParameterExceptionHandler(NewswatchCli::usageError);
        cli.setExecutionExceptionHandler(NewswatchCli::executionError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        withVersion(cli);
        return cli;
    }

    /** Every subcommand's --version prints the program's version too, not nothing. */
    private static void withVersion(CommandLine command) {
        if (command.getCommandSpec().versionProvider() == null) {
            command.getCommandSpec().versionProvider(new Version());
        }
        command.getSubcommands().values().forEach(NewswatchCli::withVersion);
    }

    /** The Kafka options of the command line that {@code spec} belongs to. */
    static KafkaOptions kafkaOptions(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof NewswatchCli cli) {
            return cli.kafka;
        }
        throw new IllegalStateException("command " + spec.qualifiedName() + " must run under newswatch");
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')"));
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof UncheckedIOException && cause.getCause() != null)
                && cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        int code = cause instanceof UsageException || cause instanceof TopicSpecException
                || cause instanceof IllegalArgumentException || cause instanceof PortInUseException
                ? ExitCodes.USAGE : ExitCodes.FAILURE;
        String construction = io.newswatch.kafka.Reachability.constructionFailure(e);
        if (construction != null) {
            cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": " + construction));
            cmd.getErr().flush();
            return ExitCodes.FAILURE;
        }
        if (code == ExitCodes.FAILURE && io.newswatch.kafka.Reachability.unreachable(e)) {
            String servers = kafkaOptions(cmd.getCommandSpec()).settings().bootstrapServers();
            cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": "
                    + io.newswatch.kafka.Reachability.describe(servers)));
            cmd.getErr().flush();
            return code;
        }
        String message = cause instanceof UsageException || cause instanceof TopicSpecException || cause instanceof PortInUseException
                ? cause.getMessage()
                : cause instanceof AuthenticationException ? "authentication failed: " + firstLine(cause.getMessage())
                : cause instanceof AuthorizationException ? "not authorized: " + firstLine(cause.getMessage())
                : firstLine(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": " + message));
        cmd.getErr().flush();
        return code;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties props = new Properties();
            try (InputStream in = NewswatchCli.class.getResourceAsStream("/io/newswatch/version.properties")) {
                if (in != null) {
                    props.load(in);
                }
            }
            return new String[] {"newswatch " + props.getProperty("version", "unknown")
                    + " (Kafka " + props.getProperty("kafka", "unknown")
                    + ", Java " + System.getProperty("java.version") + ")"};
        }
    }
}
