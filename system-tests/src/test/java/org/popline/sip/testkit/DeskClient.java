package org.popline.sip.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The agents' page spoken to over plain HTTP, as a script (or an attacker) would, without a browser. */
public final class DeskClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestServer popline;
    private final String cookie;

    private DeskClient(TestServer popline, String cookie) {
        this.popline = popline;
        this.cookie = cookie;
    }

    public static URI uri(TestServer popline, String path) {
        return URI.create(popline.deskOrigin() + path);
    }

    /** Posts the login form; answers the whole response (303 with a cookie, or 401). */
    public static HttpResponse<String> postLogin(TestServer popline, String agent, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(popline, "/desk/login")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("agent", agent, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in, or fails the test. */
    public static DeskClient login(TestServer popline, String agent, String password) throws Exception {
        HttpResponse<String> r = postLogin(popline, agent, password);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow(
                () -> new AssertionError("login answered " + r.statusCode() + " without a cookie"));
        return new DeskClient(popline, setCookie.substring(0, setCookie.indexOf(';')));
    }

    /** A client that sends this cookie, whatever it is. */
    public static DeskClient withCookie(TestServer popline, String cookie) {
        return new DeskClient(popline, cookie);
    }

    public String cookie() {
        return cookie;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /desk/session}: who is logged in and the CSRF token. */
    public JsonNode session() throws Exception {
        HttpResponse<String> r = get("/desk/session");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /desk/session answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A POST with a form and extra headers as name/value pairs. */
    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws Exception {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Opens the event stream as EventSource would, reads the first snapshot (what a page gets on
     * every (re)connect) and closes it. Empty when the stream is refused.
     */
    public Optional<JsonNode> firstSnapshot(String path) throws Exception {
        HttpResponse<InputStream> r = HTTP.send(request(path).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            boolean stateEvent = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("event: state")) {
                    stateEvent = true;
                } else if (stateEvent && line.startsWith("data: ")) {
                    return Optional.of(JSON.readTree(line.substring("data: ".length())));
                }
            }
            throw new AssertionError("event stream ended without a snapshot");
        }
    }

    /**
     * Opens the event stream and waits, up to {@code timeout}, for the first event of that name; its data. The
     * stream is closed either way.
     */
    public JsonNode firstEvent(String path, String name, Duration timeout) throws Exception {
        HttpResponse<InputStream> r = HTTP.send(request(path).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            r.body().close();
            throw new AssertionError(path + " answered " + r.statusCode());
        }
        InputStream body = r.body();
        CompletableFuture<JsonNode> event = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                boolean named = false;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event: ")) {
                        named = line.equals("event: " + name);
                    } else if (named && line.startsWith("data: ")) {
                        return JSON.readTree(line.substring("data: ".length()));
                    }
                }
                throw new AssertionError("event stream ended without a " + name + " event");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return event.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + name + " event on " + path + " within " + timeout);
        } finally {
            body.close();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(popline, path)).timeout(Duration.ofSeconds(10)).header("Cookie", cookie);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
