package io.newswatch.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.newswatch.alert.Alert;
import io.newswatch.watchlist.AlertKind;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The email receiver against a real SMTP server: GreenMail for delivery, login and TLS, and a
 * small scripted server for the replies GreenMail never gives (a refused or deferred recipient).
 */
class EmailReceiverTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String PASSWORD = "pw-7f3a9c-secret";
    private static final Instant T0 = Instant.parse("2026-11-28T04:12:45Z");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.createCopy(LOOPBACK).dynamicPort(),
            ServerSetupTest.SMTPS.createCopy(LOOPBACK).dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bot@example.org", "bot", PASSWORD));

    // --- fixtures

    private static Alert alert(String entityName, String title, String url, String snippet, String... sources) {
        Alert.Evidence evidence = new Alert.Evidence("a-" + entityName, title, url, sources[0], snippet, entityName, T0,
                OffsetDateTime.parse("2026-11-28T05:10:00+01:00"));
        return new Alert("mention-" + entityName + "-" + title.hashCode(), AlertKind.MENTION, entityName.toLowerCase(Locale.ROOT),
                entityName, null, null, T0, T0, sources.length, List.of(sources), null, null, List.of(evidence), List.of(), 7,
                null, 0, null);
    }

    private static Notification group(Alert... alerts) {
        return new Notification("ops-mail", "entity=icc,kind=MENTION", Map.of("entity", "icc", "kind", "MENTION"),
                List.of(alerts), "ops-mail/entity=icc,kind=MENTION/3", false);
    }

    private static EmailSettings settings(int port, EmailSettings.Security security, String user, String password,
                                          String... to) {
        return new EmailSettings(LOOPBACK, port, security, user, password == null ? null : Secret.of(password, "test"),
                "newswatch@example.org", List.of(to));
    }

    private static EmailSettings plain(int port) {
        return settings(port, EmailSettings.Security.NONE, null, null, "ops@example.org");
    }

    private static Alert iccRuling() {
        return alert("ICC", "ICC issues ruling", "https://example.org/a?x=1&y=2", "The ICC said on Friday...", "wire", "daily");
    }

    private static MimeMessage[] received() {
        return MAIL.getReceivedMessages();
    }

    private static String part(MimeMessage message, int index) throws Exception {
        return (String) ((MimeMultipart) message.getContent()).getBodyPart(index).getContent();
    }

    // --- delivery

    @Test
    void shouldSendAGroupAsOneMailWithBothBodiesToEveryRecipient() throws Exception {
        // Given a receiver writing to two people
        EmailSettings settings = settings(MAIL.getSmtp().getPort(), EmailSettings.Security.NONE, null, null,
                "ops@example.org", "desk@example.org");
        Alert second = alert("ICC", "Judges meet in The Hague", "https://example.org/b", "A second hearing...", "wire");

        // When a group of two alerts is delivered
        new EmailReceiver("ops-mail", settings).deliver(group(iccRuling(), second));

        // Then each recipient has one mail with both alerts, in plain text and in HTML
        assertThat(received()).hasSize(2);
        assertThat(MAIL.findReceivedMessages(u -> u.getEmail().equals("ops@example.org"), m -> true)).hasSize(1);
        assertThat(MAIL.findReceivedMessages(u -> u.getEmail().equals("desk@example.org"), m -> true)).hasSize(1);
        MimeMessage mail = received()[0];
        assertThat(mail.getSubject()).isEqualTo("[newswatch] 2 alerts: ICC (MENTION)");
        assertThat(mail.getFrom()[0]).hasToString("newswatch@example.org");
        assertThat(mail.getHeader("X-Newswatch-Idempotency-Key", null)).isEqualTo("ops-mail/entity=icc,kind=MENTION/3");
        assertThat(mail.getHeader("X-Newswatch-Group", null)).isEqualTo("entity=icc,kind=MENTION");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(part(mail, 0)).contains("MENTION  ICC — 2 articles, +1 outlet", "ICC issues ruling",
                "https://example.org/a?x=1&y=2", "wire, published 2026-11-28 05:10+01:00", "The ICC said on Friday...",
                "Judges meet in The Hague", "https://example.org/b");
        assertThat(part(mail, 1)).contains("<a href=\"https://example.org/a?x=1&amp;y=2\">ICC issues ruling</a>",
                "<a href=\"https://example.org/b\">Judges meet in The Hague</a>", "2 articles, +1 outlet<br>");
    }

    @Test
    void shouldEscapeMarkupFromTheArticleInTheHtmlBody() throws Exception {
        // Given an article whose title carries a script, whose snippet carries a tag and whose link is not http
        Alert hostile = alert("ICC", "<script>alert('x')</script> & \"ICC\"", "javascript:alert(1)",
                "<img src=x onerror=alert(2)>", "wire");

        // When it is delivered
        new EmailReceiver("ops-mail", plain(MAIL.getSmtp().getPort())).deliver(group(hostile));

        // Then the HTML shows the text as text, and links nothing
        String html = part(received()[0], 1);
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;ICC&quot;",
                "&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script", "<img", "javascript:");
        assertThat(part(received()[0], 0)).contains("<script>alert('x')</script>");
    }

    @Test
    void shouldTitleADigestByItsAlertsAndEntities() throws Exception {
        // Given a digest of three alerts about two entities
        Notification digest = new Notification("ops-mail", "digest", Map.of(),
                List.of(iccRuling(), alert("ICC", "Another", "https://example.org/c", "...", "wire"),
                        alert("WHO", "WHO warns", "https://example.org/d", "...", "wire")),
                "ops-mail/digest/2026-11-28", true);

        // When it is delivered
        new EmailReceiver("ops-mail", plain(MAIL.getSmtp().getPort())).deliver(digest);

        // Then its subject counts both
        assertThat(received()[0].getSubject()).isEqualTo("[newswatch] digest: 3 alerts, 2 entities");
        assertThat(part(received()[0], 0)).contains("WHO warns", "Another", "ICC issues ruling");
    }

    // --- login

    @Test
    void shouldLogInWithUserAndPassword() throws Exception {
        EmailSettings settings = settings(MAIL.getSmtp().getPort(), EmailSettings.Security.NONE, "bot", PASSWORD,
                "ops@example.org");

        new EmailReceiver("ops-mail", settings).deliver(group(iccRuling()));

        assertThat(received()).hasSize(1);
        assertThat(received()[0].getSubject()).isEqualTo("[newswatch] 1 alert: ICC (MENTION)");
    }

    @Test
    void shouldGiveUpOnAWrongPasswordWithoutShowingIt() {
        String wrong = "wrong-pw-55e1";
        EmailSettings settings = settings(MAIL.getSmtp().getPort(), EmailSettings.Security.NONE, "bot", wrong,
                "ops@example.org");

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> new EmailReceiver("ops-mail", settings).deliver(group(iccRuling())));

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("refused the login of bot", "535")
                .doesNotContain(wrong, PASSWORD, "ICC issues ruling").doesNotContain("\n");
        assertThat(received()).isEmpty();
    }

    // --- the network

    @Test
    void shouldRetryWhenNoServerListens() throws Exception {
        // Given a port nobody listens on
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            closed = socket.getLocalPort();
        }
        long start = System.nanoTime();

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> new EmailReceiver("ops-mail", plain(closed)).deliver(group(iccRuling())));

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).startsWith(LOOPBACK + ":" + closed + " unreachable").contains("ConnectException");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(EmailReceiver.TIMEOUT);
    }

    @Test
    void shouldRetryWhenTheServerNeverAnswers() throws Exception {
        // Given a server that takes the connection (in its backlog) but never greets
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            EmailReceiver receiver = new EmailReceiver("ops-mail", plain(silent.getLocalPort()), Duration.ofMillis(300), null);

            // When a notification is delivered to it
            DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> receiver.deliver(group(iccRuling())));

            // Then the read times out, and a retry may find the server alive
            assertThat(e).isNotNull();
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("SocketTimeoutException");
        }
    }

    // --- replies GreenMail never gives

    @Test
    void shouldGiveUpOnARecipientTheServerRefuses() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 no such user")) {
            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> new EmailReceiver("ops-mail", plain(server.port())).deliver(group(iccRuling())));

            assertThat(e).isNotNull();
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo(LOOPBACK + ":" + server.port() + " refused recipient ops@example.org (550)");
            assertThat(server.dataSent()).as("the mail itself was not sent").isFalse();
        }
    }

    @Test
    void shouldRetryARecipientTheServerDefers() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.7.1 greylisted, try again later")) {
            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> new EmailReceiver("ops-mail", plain(server.port())).deliver(group(iccRuling())));

            assertThat(e).isNotNull();
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("refused recipient ops@example.org (451)");
        }
    }

    // --- TLS

    @Test
    void shouldNotSendInClearWhenStartTlsIsRequiredButMissing() {
        // Given settings that require STARTTLS, and a server that does not offer it
        EmailSettings settings = settings(MAIL.getSmtp().getPort(), EmailSettings.Security.STARTTLS, "bot", PASSWORD,
                "ops@example.org");

        // When a notification is delivered
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> new EmailReceiver("ops-mail", settings).deliver(group(iccRuling())));

        // Then it fails for good, and the server got nothing
        assertThat(e).isNotNull();
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("does not offer STARTTLS").doesNotContain(PASSWORD);
        assertThat(received()).isEmpty();
    }

    @Test
    void shouldDeliverOverSmtpsToATrustedCertificate() throws Exception {
        EmailSettings settings = settings(MAIL.getSmtps().getPort(), EmailSettings.Security.SMTPS, "bot", PASSWORD,
                "ops@example.org");

        new EmailReceiver("ops-mail", settings, EmailReceiver.TIMEOUT, trustingOnly(greenMailCertificate()))
                .deliver(group(iccRuling()));

        assertThat(received()).hasSize(1);
        assertThat(received()[0].getSubject()).isEqualTo("[newswatch] 1 alert: ICC (MENTION)");
    }

    @Test
    void shouldRefuseAServerWhoseCertificateIsNotTrusted() {
        // Given SMTPS to a server with a self-signed certificate the JVM does not trust
        EmailSettings settings = settings(MAIL.getSmtps().getPort(), EmailSettings.Security.SMTPS, "bot", PASSWORD,
                "ops@example.org");

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> new EmailReceiver("ops-mail", settings).deliver(group(iccRuling())));

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).startsWith("TLS with " + LOOPBACK).doesNotContain(PASSWORD);
        assertThat(received()).isEmpty();
    }

    // --- helpers

    /** GreenMail's self-signed test certificate, from the keystore in its jar. */
    private static X509Certificate greenMailCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMailExtension.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        return (X509Certificate) store.getCertificate("greenmail");
    }

    /**
     * Sockets that trust exactly {@code pinned} and nothing else. The test certificate names no
     * host, so the pin replaces the name check here, and only here.
     */
    private static SSLSocketFactory trustingOnly(X509Certificate pinned) throws Exception {
        X509ExtendedTrustManager trust = new X509ExtendedTrustManager() {
            private void check(X509Certificate[] chain) throws CertificateException {
                if (chain.length == 0 || !chain[0].equals(pinned)) {
                    throw new CertificateException("not the test certificate");
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                throw new CertificateException("no client certificates");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                throw new CertificateException("no client certificates");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("no client certificates");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[] {pinned};
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context.getSocketFactory();
    }

    /** One SMTP session on loopback that accepts everything but RCPT, which gets {@code rcptReply}. */
    private static final class ScriptedSmtpServer implements AutoCloseable {

        private final ServerSocket socket;
        private final String rcptReply;
        private final AtomicBoolean dataSent = new AtomicBoolean();
        private final Thread thread;

        ScriptedSmtpServer(String rcptReply) throws IOException {
            this.socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
            this.rcptReply = rcptReply;
            this.thread = new Thread(this::serve, "scripted-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        boolean dataSent() {
            return dataSent.get();
        }

        private void serve() {
            try (Socket client = socket.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                 Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
                reply(out, "220 scripted.test ESMTP");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                    switch (verb) {
                        case "EHLO", "HELO" -> reply(out, "250 scripted.test");
                        case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                        case "RCPT" -> reply(out, rcptReply);
                        case "DATA" -> {
                            dataSent.set(true);
                            reply(out, "554 not expected");
                        }
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "502 not implemented");
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        private static void reply(Writer out, String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }
}
