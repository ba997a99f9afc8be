package io.newswatch.demo;

import io.newswatch.broker.PortInUseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoPortsTest {

    @Test
    void shouldReportABusyMetricsPortAtOnceAndCreateNothing(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("newswatch-data");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> Demo.start(new Demo.Options(0, port, dataDir, false), new PrintWriter(new StringWriter())))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("--metrics-port")
                    .hasMessageContaining(String.valueOf(port));
        }
        assertThat(dataDir).doesNotExist();
    }
}
