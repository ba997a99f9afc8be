package io.newswatch.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.metrics.HealthCheck;
import io.newswatch.metrics.MetricsServer;
import io.newswatch.metrics.Registries;
import io.newswatch.monitor.Monitor;
import io.newswatch.monitor.MonitorSettings;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchlistFiles;
import io.newswatch.watchlist.WatchlistTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real browser (Debian's chromium, headless, through chromedriver) against a
 * real monitor: the seed article's alerts appear in the open inbox as they arrive, an entity added
 * through the form is in the watchlist and alerts on the next article naming it, a bad alias
 * shows its error inline; a screenshot is saved under {@code target/}.
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
class ConsoleBrowserIT {

    private static final String TOKEN = "console-browser-it-token";

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path tmp;

    private static Monitor monitor;
    private static MetricsServer server;
    private static WebApp app;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers(), Map.of());
        Topics topics = Topics.fromDirectory(Path.of("topics"));
        try (var admin = kafka.admin()) {
            TopicApplier applier = new TopicApplier(admin);
            applier.apply(applier.plan(topics.all()));
        }
        new WatchlistTopic(settings, topics).write(WatchlistFiles.load(Path.of("src/main/resources/io/newswatch/watchlist/starter.yaml")),
                List.of());
        monitor = Monitor.start(settings, topics, Monitor.Options.defaults().withApplicationId("console-it")
                .withStateDir(tmp.resolve("state")).withThreads(1), new SimpleMeterRegistry());
        assertThat(monitor.awaitRunning(Duration.ofSeconds(90))).isTrue();
        app = new WebApp(monitor.queries(null), monitor.watchlist(), settings, topics, Optional.of(TOKEN), true,
                MonitorSettings.DEFAULTS.history());
        server = MetricsServer.start("127.0.0.1", 0, Registries.prometheus(), HealthCheck.readyWhen(() -> true), app);
        ChromeOptions options = new ChromeOptions().setBinary(chromium())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver())).build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void shouldShowAlertsLiveAndAddAnEntityThroughTheForm() throws Exception {
        // Given the inbox open in a browser
        browser.get(server.url() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(d -> d.findElement(By.id("live-status")).getText().startsWith("Live"));
        assertThat(browser.findElements(By.cssSelector("#alerts tbody tr"))).isEmpty();

        // When the seed article arrives, its alerts appear without a reload
        send("seed", "Putin hosts Myanmar junta chief in Moscow", Files.readString(Path.of("src/main/resources/io/newswatch/demo/seed-myanmar-putin.txt")));
        wait.until(d -> d.findElements(By.cssSelector("#alerts tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("MENTION") && r.getText().contains("Myanmar")));

        // and an entity with a bad alias is refused, the error shown beside the form
        browser.get(server.url() + "/watchlist");
        fill("f-id", "rohingya");
        fill("f-name", "Rohingya");
        fill("f-aliases", "R");
        fill("f-token", TOKEN);
        browser.findElement(By.id("save")).click();
        WebElement error = wait.until(d -> {
            WebElement e = d.findElement(By.id("form-error"));
            return e.isDisplayed() ? e : null;
        });
        assertThat(error.getText()).contains("invalid entity").contains("aliases[0]");

        // and a good one is added, listed in the watchlist, and alerts on the next article naming it
        browser.findElement(By.id("f-aliases")).clear();
        fill("f-aliases", "Rohingya");
        browser.findElement(By.id("save")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/watchlist") && !d.findElements(By.cssSelector("#watchlist tr[data-entity=rohingya]")).isEmpty());
        browser.get(server.url() + "/");
        wait.until(d -> d.findElement(By.id("live-status")).getText().startsWith("Live"));
        waitForWatchlist("rohingya");
        send("rohingya-1", "Rohingya refugees reach Bangladesh", "Thousands of Rohingya refugees crossed into Bangladesh on Tuesday.");
        wait.until(d -> d.findElements(By.cssSelector("#alerts tbody tr")).stream().anyMatch(r -> r.getText().contains("Rohingya")));

        // and the entity page shows its counts chart, stories and alerts
        browser.get(server.url() + "/entities/myanmar");
        wait.until(d -> "true".equals(d.findElement(By.id("chart")).getAttribute("data-drawn")));
        assertThat(browser.findElement(By.id("stories")).getText()).contains("Putin hosts Myanmar junta chief");
        assertThat(browser.findElement(By.id("daily-counts")).getText()).contains("1");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "console-entity.png"),
                StandardCopyOption.REPLACE_EXISTING);

        browser.get(server.url() + "/");
        wait.until(d -> d.findElements(By.cssSelector("#alerts tbody tr")).size() > 3);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "console.png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isPositive();
    }

    private void fill(String id, String text) {
        browser.findElement(By.id(id)).sendKeys(text);
    }

    /** Waits until the monitor has the entity live (the form's write goes through news.watchlist). */
    private static void waitForWatchlist(String id) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> monitor.watchlist().current().matcher().entity(id).isPresent());
    }

    private static void send(String id, String title, String body) {
        kafka.send("news.articles", id.getBytes(StandardCharsets.UTF_8), Json.mapper().createObjectNode().put("id", id)
                .put("title", title).put("body", body).put("source", "browser test").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no chromium: apt-get install chromium chromium-driver (as .ci/run does)");
    }

    private static String chromedriver() {
        for (String candidate : List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no chromedriver: apt-get install chromium-driver (as .ci/run does)");
    }
}
