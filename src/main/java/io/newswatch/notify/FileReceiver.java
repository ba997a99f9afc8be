package io.newswatch.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.kafka.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each notification as one JSON line ({@code receiver}, {@code groupKey},
 * {@code idempotencyKey}, {@code digest}, {@code alerts}) to a file, forced to disk before it
 * counts as delivered; {@code -} writes to standard output. For scripts and archives.
 */
final class FileReceiver implements Receiver {

    private final String name;
    private final Path path;
    private final OutputStream stdout;

    FileReceiver(String name, Path path, OutputStream stdout) {
        this.name = name;
        this.path = path;
        this.stdout = stdout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("receiver", n.receiver());
        line.put("groupKey", n.groupKey());
        line.put("idempotencyKey", n.idempotencyKey());
        line.put("digest", n.digest());
        line.set("alerts", Json.mapper().valueToTree(n.alerts()));
        try {
            byte[] bytes = (Json.mapper().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            if (path == null) {
                stdout.write(bytes);
                stdout.flush();
                return;
            }
            try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                file.write(java.nio.ByteBuffer.wrap(bytes));
                file.force(false);
            }
        } catch (IOException e) {
            throw new DeliveryException((path == null ? "stdout" : path.toString()) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
        }
    }
}
