package io.beacon.infra.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * An HTTP window onto the mail GreenMail received: {@code GET /mail/messages} lists it as JSON,
 * {@code DELETE /mail/messages} forgets it.
 *
 * <p>GreenMail has a REST API of its own, but it defaults to 8080 (Beacon's intake) and returns far
 * less of each message than tests need to assert on rendering.
 */
final class MailInbox implements InfraComponent {

    static final String PATH = "/mail/messages";

    private final int port;
    private final MailServer mailServer;
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;
    private ExecutorService executor;

    MailInbox(InfraSettings settings, MailServer mailServer) {
        this.port = settings.port(InfraSettings.MAIL);
        this.mailServer = mailServer;
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public List<String> portKeys() {
        return List.of(InfraSettings.MAIL);
    }

    @Override
    public void start() throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "mail-inbox-http");
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.createContext(PATH, this::handle);
        created.start();
        server = created;
    }

    @Override
    public void stop() {
        HttpServer running = server;
        server = null;
        if (running != null) {
            running.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public String address() {
        return url() + PATH;
    }

    @Override
    public Map<String, String> readyEntries() {
        return Map.of("mail.url", url());
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, Map.of("error", "not found"));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> send(exchange, 200, messages());
                case "DELETE" -> {
                    mailServer.purge();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> {
                    exchange.getResponseHeaders().add("Allow", "GET, DELETE");
                    send(exchange, 405, Map.of("error", "method not allowed"));
                }
            }
        } catch (Exception e) {
            send(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private List<Map<String, Object>> messages() throws MessagingException, IOException {
        List<Map<String, Object>> result = new ArrayList<>();
        for (MimeMessage message : mailServer.receivedMessages()) {
            result.add(describe(message));
        }
        return result;
    }

    static Map<String, Object> describe(MimeMessage message) throws MessagingException, IOException {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("from", join(message.getFrom()));
        view.put("to", addresses(message.getRecipients(Message.RecipientType.TO)));
        view.put("cc", addresses(message.getRecipients(Message.RecipientType.CC)));
        view.put("subject", message.getSubject());
        view.put("headers", headers(message));
        Bodies bodies = new Bodies();
        collect(message, bodies);
        view.put("text", bodies.text);
        view.put("html", bodies.html);
        return view;
    }

    private static Map<String, String> headers(MimeMessage message) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            // Repeated headers (Received) are rare in assertions; keeping them all in one value loses nothing.
            headers.merge(header.getName(), header.getValue(), (first, next) -> first + ", " + next);
        }
        return headers;
    }

    private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("text/plain") && bodies.text == null) {
            bodies.text = asText(part.getContent());
        } else if (part.isMimeType("text/html") && bodies.html == null) {
            bodies.html = asText(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), bodies);
            }
        }
    }

    private static String asText(Object content) throws IOException {
        if (content instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return String.valueOf(content);
    }

    private static String join(Address[] addresses) {
        List<String> list = addresses(addresses);
        return list.isEmpty() ? null : String.join(", ", list);
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(MailInbox::readable).toList();
    }

    private static String readable(Address address) {
        // toString() would leave a non-ASCII display name MIME-encoded (=?UTF-8?B?...?=)
        return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
    }

    private static final class Bodies {
        private String text;
        private String html;
    }
}
