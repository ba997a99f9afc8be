package io.newswatch.cli;

import io.newswatch.broker.EmbeddedBroker;
import io.newswatch.broker.PortInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code newswatch broker}: a real single-node KRaft Kafka broker, in this process, until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run a single-node Apache Kafka broker (KRaft) in this process until Ctrl-C.",
                "Formats its storage on first start; keeps its data in --data-dir across restarts."})
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Client port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", defaultValue = "kafka-data", description = "Broker storage (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.builder().host(host).port(port).dataDir(dataDir).start();
        } catch (PortInUseException e) {
            throw new PortInUseException(e.port(), "--port");
        }
        Thread hook = new Thread(broker::close, "broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Kafka broker ready on " + broker.bootstrapServers() + " (data in " + dataDir.toAbsolutePath()
                + "); Ctrl-C stops it");
        out.flush();
        broker.awaitShutdown();
        return ExitCodes.OK;
    }
}
