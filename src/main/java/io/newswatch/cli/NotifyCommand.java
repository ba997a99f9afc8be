package io.newswatch.cli;

import picocli.CommandLine.Command;

/** {@code newswatch notify}: deliver alerts to webhooks, Slack, email and files. */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "Deliver alerts to webhooks, Slack, email and files.")
final class NotifyCommand implements Runnable {

    @Override
    public void run() {
        throw new UnsupportedOperationException("not yet");
    }
}
