package io.newswatch.notify;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the receivers a configuration declares. */
public final class Receivers {

    private Receivers() {
    }

    /** One receiver per declared one, by name; {@code stdout} is where a file receiver with path {@code -} writes. */
    public static Map<String, Receiver> of(NotifyConfig config, OutputStream stdout) {
        Map<String, Receiver> out = new LinkedHashMap<>();
        config.receivers().forEach((name, spec) -> out.put(name, create(spec, stdout)));
        return out;
    }

    static Receiver create(NotifyConfig.ReceiverSpec spec, OutputStream stdout) {
        return switch (spec.type()) {
            case WEBHOOK -> new WebhookReceiver(spec.name(), URI.create(spec.url()), spec.secret(), spec.headers());
            case SLACK -> new SlackReceiver(spec.name(), URI.create(spec.url()));
            case EMAIL -> new EmailReceiver(spec.name(), spec.email());
            case FILE -> new FileReceiver(spec.name(), spec.path().equals("-") ? null : Path.of(spec.path()), stdout);
        };
    }
}
