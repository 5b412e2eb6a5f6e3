package org.popline.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Agents.awaitTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.Browser;
import org.popline.sip.testkit.DeskClient;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * A screen pop's target as chromium shows it on the agent's page, each visibly different: the
 * reference flow with its case pop's {@code target} set to {@code existing-tab} (Webex's
 * sameBrowserTab: every pop in one named tab) or {@code inside-desktop} (a panel inside the page).
 * {@code new-tab} (a tab per pop) is {@link AgentDeskBrowserTest}'s.
 */
class ScreenPopTargetsBrowserTest {
    private static final String PASSWORD = "lab-agent1-change-me";
    private static final String MICHAEL_BROWN = "+14155550100";
    private static final String MICHAEL_BROWNS_CASE = "id=0a64d329-8a32-5e53-9128-057cd5d99110";
    private static final String GRACE_LEE = "+14155550108";

    @TempDir
    Path dir;
    private TestServer popline;
    private Browser browser;
    private int phonePort;

    private void start(String target) throws Exception {
        Path flow = dir.resolve("flow.yaml");
        String reference = Files.readString(TestServer.confDir().resolve("flows/ms-dynamics.yaml"));
        String oneTarget = reference.replace("target: new-tab", "target: " + target);
        assertTrue(oneTarget.contains("target: " + target), "the reference flow pops with a target");
        Files.writeString(flow, oneTarget);
        popline = TestServer.start(new Overrides().set("call.flow", flow.toString())
                .set("queues.support.ring-timeout", "10s").set("queues.support.wrap-up", "1s")
                .set("sip.digest-algorithms", "md5"));
        browser = Browser.start();
        var driver = browser.driver;
        driver.get(DeskClient.uri(popline, "/desk/").toString());
        driver.findElement(By.id("agent")).sendKeys("agent1");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-button")).click();
        phonePort = FreePorts.sipPort();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            awaitTrue(() -> popline.server.liveCalls() == 0 && popline.server.agentLegs() == 0, Duration.ofSeconds(10));
            popline.assertIdle();
        } finally {
            popline.close();
        }
    }

    @Test
    void sameBrowserTabReusesOneNamedTabForEveryPop() throws Exception {
        start("existing-tab");
        String desk = browser.driver.getWindowHandle();
        String first = answerCallFrom(MICHAEL_BROWN);
        assertTrue(first.endsWith(MICHAEL_BROWNS_CASE), first);
        assertEquals("popline-pop", browser.driver.findElement(By.id("pop-link")).getAttribute("target"));
        browser.waiting(Duration.ofSeconds(20)).until(d -> d.getWindowHandles().size() == 2);
        String popTab = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(desk)).findFirst().orElseThrow();
        awaitCallOver();

        String second = answerCallFrom(GRACE_LEE);
        assertTrue(!second.equals(first), second);
        browser.driver.switchTo().window(popTab);
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(second));
        assertEquals(2, browser.driver.getWindowHandles().size(), "the second pop went to the same tab");
        browser.screenshot("pop-same-tab");
        browser.driver.switchTo().window(desk);
        awaitCallOver();
    }

    @Test
    void insideDesktopShowsThePopInAPanelOfTheAgentsPage() throws Exception {
        start("inside-desktop");
        String url = answerCallFrom(MICHAEL_BROWN);
        assertTrue(url.endsWith(MICHAEL_BROWNS_CASE), url);
        WebElement panel = browser.driver.findElement(By.id("pop-panel"));
        browser.waiting(Duration.ofSeconds(10)).until(d -> panel.isDisplayed());
        assertEquals(url, browser.driver.findElement(By.id("pop-frame")).getAttribute("src"));
        assertEquals("Customer case", browser.driver.findElement(By.id("pop-panel-label")).getText());
        assertEquals(1, browser.driver.getWindowHandles().size(), "no tab is opened");
        browser.screenshot("pop-inside-desktop");
        awaitCallOver();
        assertTrue(panel.isDisplayed(), "the panel stays for the wrap-up");
        browser.driver.findElement(By.id("pop-panel-close")).click();
        assertTrue(!panel.isDisplayed());
    }

    private CompletableFuture<Sipp.Result> phone;
    private CompletableFuture<Sipp.Result> caller;

    /** Agent1's SIPp phone answers a SIPp caller from {@code ani} choosing "agent"; answers the pop's URL the page shows. */
    private String answerCallFrom(String ani) throws Exception {
        RtpCapture agentMedia = new RtpCapture();
        RtpCapture callerMedia = new RtpCapture();
        phone = Agents.phone("agent-answer.xml", phonePort, agentMedia.port(), Duration.ofSeconds(1));
        Agents.register(popline, "agent1", PASSWORD, phonePort);
        caller = Agents.caller(popline, "info-then-listen.xml", ani, "1", callerMedia.port(), Duration.ofSeconds(6));
        phone.whenComplete((r, e) -> closeQuietly(agentMedia));
        caller.whenComplete((r, e) -> closeQuietly(callerMedia));
        browser.waiting(Duration.ofSeconds(40)).until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ON_CALL"));
        browser.waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("pop")).isDisplayed());
        return browser.driver.findElement(By.id("pop-link")).getAttribute("href");
    }

    private static void closeQuietly(RtpCapture media) {
        try {
            media.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void awaitCallOver() throws Exception {
        assertTrue(caller.get(90, TimeUnit.SECONDS).ok());
        assertTrue(phone.get(90, TimeUnit.SECONDS).ok());
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "AVAILABLE"));
    }
}
