package io.newswatch.topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The immutable list of the program's topics, read from {@code topics/} (one {@code .properties}
 * file per topic). The jar carries a copy of the repository's {@code topics/}, used when no
 * directory is given. Every topic name the code uses comes from here, looked up by {@link TopicRole}.
 */
public final class Topics {

    /** Where the build puts the copy of {@code topics/} inside the jar. */
    static final String BUNDLED = "/topics";
    private static final String EXTENSION = ".properties";

    private final List<TopicSpec> specs;
    private final Map<TopicRole, TopicSpec> byRole;
    private final String origin;

    private Topics(List<TopicSpec> specs, String origin) {
        this.specs = List.copyOf(specs);
        this.origin = origin;
        Map<TopicRole, TopicSpec> roles = new EnumMap<>(TopicRole.class);
        Map<String, TopicSpec> names = new HashMap<>();
        for (TopicSpec spec : specs) {
            TopicSpec clash = names.putIfAbsent(spec.name(), spec);
            if (clash != null) {
                throw new TopicSpecException(spec.source() + ": field 'name': topic " + spec.name()
                        + " is already declared in " + clash.source());
            }
            spec.role().ifPresent(role -> {
                TopicSpec other = roles.putIfAbsent(role, spec);
                if (other != null) {
                    throw new TopicSpecException(spec.source() + ": field 'role': " + role.key()
                            + " is already the role of " + other.source());
                }
            });
        }
        for (TopicRole role : TopicRole.values()) {
            if (!roles.containsKey(role)) {
                throw new TopicSpecException(origin + ": no topic file has 'role = " + role.key() + "'");
            }
        }
        this.byRole = roles;
    }

    /** The topics bundled with the program (a copy of the repository's {@code topics/}). */
    public static Topics bundled() {
        URL url = Topics.class.getResource(BUNDLED);
        if (url == null) {
            throw new IllegalStateException("the program's bundled topics/ is missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return load(fs.getPath(BUNDLED), "bundled topics/");
                }
            }
            return load(Path.of(uri), "bundled topics/");
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the bundled topics/: " + e.getMessage(), e);
        }
    }

    /** The given directory, else {@code ./topics} when it exists, else the bundled copy. */
    public static Topics resolve(Path dir) {
        if (dir != null) {
            return fromDirectory(dir);
        }
        Path local = Path.of("topics");
        return Files.isDirectory(local) ? fromDirectory(local) : bundled();
    }

    public static Topics fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TopicSpecException(dir + ": not a directory");
        }
        return load(dir, dir.toString());
    }

    private static Topics load(Path dir, String origin) {
        List<TopicSpec> specs = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path file : files) {
            String source = origin.startsWith("bundled") ? "topics/" + file.getFileName() : file.toString();
            try {
                specs.add(TopicSpecParser.parse(source, Files.readAllLines(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new TopicSpecException(source + ": cannot read: " + e.getMessage());
            }
        }
        if (specs.isEmpty()) {
            throw new TopicSpecException(origin + ": no *" + EXTENSION + " topic files");
        }
        return new Topics(specs, origin);
    }

    /** Builds the list from specs already parsed (tests, generated alert topics). */
    public static Topics of(List<TopicSpec> specs) {
        return new Topics(specs, "topics");
    }

    public List<TopicSpec> all() {
        return specs;
    }

    public TopicSpec spec(TopicRole role) {
        return byRole.get(role);
    }

    public String name(TopicRole role) {
        return byRole.get(role).name();
    }

    /** The names of every role's topic but {@code role}'s. */
    public Set<String> namesExcept(TopicRole role) {
        Set<String> names = new LinkedHashSet<>();
        byRole.forEach((r, spec) -> {
            if (r != role) {
                names.add(spec.name());
            }
        });
        return Collections.unmodifiableSet(names);
    }

    public Optional<TopicSpec> byName(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Where these specs came from, for messages. */
    public String origin() {
        return origin;
    }
}
