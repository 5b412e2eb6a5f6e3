package org.popline.sip.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Agents.awaitTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.Browser;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * The supervisor's page in a real browser: chromium is refused without the admin token, logs in with it, sees the
 * agents and queues live, and watches a SIPp caller's path through the reference flow drawn on the flow's ELK
 * drawing as the call runs. Screenshots are left in target/screenshots.
 */
class SupervisorBrowserTest {
    private TestServer popline;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        popline = Agents.server("10s", "3s");
        browser = Browser.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            browser.close();
            awaitTrue(() -> popline.server.liveCalls() == 0, Duration.ofSeconds(10));
        } finally {
            popline.close();
        }
    }

    @Test
    void aCallsPathAppearsOnTheFlowDrawing() throws Exception {
        var driver = browser.driver;
        String page = "http://127.0.0.1:" + popline.server.httpPort() + "/supervisor/";
        driver.get(page);
        driver.findElement(By.id("token")).sendKeys("not-the-token");
        driver.findElement(By.id("login")).click();
        assertEquals("That is not the admin token.", driver.findElement(By.id("login-error")).getText());

        driver.findElement(By.id("token")).sendKeys(popline.adminToken());
        driver.findElement(By.id("login")).click();
        browser.waiting(Duration.ofSeconds(15)).until(d -> !d.findElements(By.cssSelector("#agents tr[data-agent]")).isEmpty());
        var cookie = driver.manage().getCookieNamed("popline-supervisor");
        assertTrue(cookie.isHttpOnly() && "Strict".equals(cookie.getSameSite()), cookie.toString());
        assertEquals("LOGGED_OUT", browser.text(By.cssSelector("#agents tr[data-agent='agent1'] .state")));
        assertTrue(driver.findElements(By.cssSelector("#queues tr[data-queue='support']")).size() == 1);
        List<WebElement> activities = driver.findElements(By.cssSelector("#drawing svg g[data-activity]"));
        assertTrue(activities.size() > 5, "the flow's activities are drawn: " + activities.size());
        assertTrue(driver.findElements(By.cssSelector("#drawing svg g.link")).size() >= activities.size() - 1);

        try (RtpCapture callerMedia = new RtpCapture()) {
            CompletableFuture<Sipp.Result> caller = Agents.caller(popline, "info-then-listen.xml", "+14155550100", "1",
                    callerMedia.port(), Duration.ofSeconds(8));
            browser.waiting(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("#calls tr.call")).isEmpty());
            driver.findElement(By.cssSelector("#calls tr.call")).click();
            browser.waiting(Duration.ofSeconds(30)).until(d ->
                    d.findElements(By.cssSelector("#drawing svg g.ran")).size() >= 3
                            && d.findElements(By.cssSelector("#drawing svg g.taken")).size() >= 3);
            browser.screenshot("supervisor-live-call-path");
            String steps = browser.text(By.id("steps"));
            assertTrue(steps.contains("Michael"), "the CRM's answer is among the steps' outputs:\n" + steps);
            assertTrue(caller.get(90, TimeUnit.SECONDS).ok());
        }
        browser.waiting(Duration.ofSeconds(15)).until(d -> d.findElement(By.id("chosen")).getText().contains("ended"));
        browser.waiting(Duration.ofSeconds(15)).until(d ->
                !d.findElement(By.cssSelector("#queues tr[data-queue='support'] .offered")).getText().equals("0"));
        browser.screenshot("supervisor-ended-call-path");
        List<WebElement> ran = driver.findElements(By.cssSelector("#drawing svg g.ran"));
        assertTrue(ran.size() >= 4, "the whole path is drawn: " + ran.size());
    }
}
