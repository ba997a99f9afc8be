package io.newswatch.cli;

import picocli.CommandLine.Command;

/** {@code newswatch silence}: add, list and expire silences of {@code newswatch notify}. */
@Command(name = "silence", mixinStandardHelpOptions = true, description = "Silence notifications: add, list, expire.")
final class SilenceCommand implements Runnable {

    @Override
    public void run() {
        throw new UnsupportedOperationException("not yet");
    }
}
