package io.newswatch.cli;

import io.newswatch.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code newswatch demo}: the whole system on an embedded broker, alerts printed live, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run everything on an embedded Kafka broker and print alerts as they arrive.",
        description = {"Run everything on an embedded Kafka broker: topics, the starter watchlist, the monitor,",
                "metrics, the bundled sample articles; print alerts as they arrive. Ctrl-C stops it;",
                "starting it again reuses --data-dir."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Kafka broker port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--metrics-port", defaultValue = "9464",
            description = "Metrics endpoint port on 127.0.0.1; -1 turns it off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--data-dir", defaultValue = "newswatch-data", description = "Broker and monitor state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        boolean ansi = System.console() != null && System.getenv("NO_COLOR") == null;
        CountDownLatch stopped = new CountDownLatch(1);
        try (Demo demo = Demo.start(new Demo.Options(port, metricsPort, dataDir, ansi), spec.commandLine().getOut())) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                demo.close();
                stopped.countDown();
            }, "demo-shutdown"));
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
