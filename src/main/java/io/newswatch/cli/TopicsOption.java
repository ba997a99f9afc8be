package io.newswatch.cli;

import io.newswatch.topics.Topics;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** {@code --topics-dir}: where the topic declarations are, for every command that reads or writes topics by role. */
final class TopicsOption {

    @Option(names = "--topics-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Topic declarations (default: ./topics or the bundled copy).")
    Path topicsDir;

    Topics topics() {
        return Topics.resolve(topicsDir);
    }
}
