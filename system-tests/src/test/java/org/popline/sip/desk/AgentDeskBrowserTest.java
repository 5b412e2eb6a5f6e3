package org.popline.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Agents.awaitTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.Browser;
import org.popline.sip.testkit.DeskClient;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * An agent's day in a real browser: chromium logs in to the agent's page, goes not ready and
 * ready, sees a SIPp caller offered while the agent's SIPp phone rings, and when the phone answers
 * the page opens the flow's screen pop, the embedded Dataverse emulator's case form, in a new tab.
 * Screenshots of the page and the pop are left in target/screenshots.
 */
class AgentDeskBrowserTest {
    private static final String PASSWORD = "lab-agent1-change-me";
    private TestServer popline;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        // The page over TLS with its lab certificate, as on a LAN; the browser accepts the lab certificate.
        popline = Agents.server("10s", "3s", "desk.tls.mode", "on");
        browser = Browser.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            browser.close();
            awaitTrue(() -> popline.server.liveCalls() == 0 && popline.server.agentLegs() == 0, Duration.ofSeconds(10));
            popline.assertIdle();
        } finally {
            popline.close();
        }
    }

    @Test
    void aKnownCallerPopsTheirLatestCase() throws Exception {
        String caseForm = answerCallFrom("+14155550100", "Michael Brown", "CAS-01025-205CO0", "known-caller");
        assertTrue(caseForm.endsWith("/main.aspx?pagetype=entityrecord&etn=incident&id=0a64d329-8a32-5e53-9128-057cd5d99110"),
                caseForm);
        assertEquals("CAS-01025-205CO0", text("ticketnumber"));
        browser.screenshot("case-form-known-caller");
    }

    @Test
    void anUnknownCallerPopsABlankNewCaseForm() throws Exception {
        String caseForm = answerCallFrom("+15555550199", "Unknown caller", "", "unknown-caller");
        assertTrue(caseForm.endsWith("/main.aspx?pagetype=entityrecord&etn=incident"), caseForm);
        assertEquals("New Case", browser.driver.findElement(By.tagName("h1")).getText());
        assertEquals("", browser.driver.findElement(By.id("customeridname")).getAttribute("value"));
        browser.screenshot("case-form-unknown-caller");
    }

    /**
     * Logs agent1 in, takes a call from {@code ani} through the page and the phone, checks what the
     * page shows (the caller {@code shownAs}, their {@code caseNumber}, empty when none), and leaves the browser on the pop's tab; answers that tab's URL.
     */
    private String answerCallFrom(String ani, String shownAs, String caseNumber, String screenshot) throws Exception {
        var driver = browser.driver;
        driver.get(DeskClient.uri(popline, "/desk/").toString());
        driver.findElement(By.id("agent")).sendKeys("agent1");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-button")).click();
        awaitText("agent-name", "Ada Agent (agent1)");
        awaitState("LOGGED_OUT");
        assertTrue(driver.getCurrentUrl().startsWith("https://"), driver.getCurrentUrl());
        assertTrue(driver.manage().getCookieNamed("popline_desk").isSecure(), "the session cookie is Secure on TLS");
        String desk = driver.getWindowHandle();

        int phonePort = FreePorts.sipPort();
        try (RtpCapture callerMedia = new RtpCapture(); RtpCapture agentMedia = new RtpCapture()) {
            // The phone rings 3 s before it answers: long enough to see the offer on the page.
            CompletableFuture<Sipp.Result> phone = Agents.phone("agent-answer.xml", phonePort, agentMedia.port(),
                    Duration.ofSeconds(3));
            Agents.register(popline, "agent1", PASSWORD, phonePort);
            awaitState("AVAILABLE");
            driver.findElement(By.id("not-ready-break")).click();
            awaitState("NOT_READY");
            awaitText("reason", "(break)");
            assertEquals("Not ready", text("state"));
            assertEquals("NOT_READY:break", Agents.state(popline, "agent1"));
            driver.findElement(By.id("ready")).click();
            awaitState("AVAILABLE");

            CompletableFuture<Sipp.Result> caller = Agents.caller(popline, "info-then-listen.xml", ani, "1",
                    callerMedia.port(), Duration.ofSeconds(10));
            awaitState("RESERVED", Duration.ofSeconds(40));
            assertTrue(driver.findElement(By.id("offer")).isDisplayed());
            assertEquals(shownAs, text("offer-name"));
            assertEquals(ani, text("offer-number"));
            assertEquals(caseNumber, text("offer-case"));

            browser.waiting(Duration.ofSeconds(20)).until(d -> d.getWindowHandles().size() == 2);
            awaitState("ON_CALL");
            assertTrue(driver.findElement(By.id("call")).isDisplayed());
            assertFalse(driver.findElement(By.id("offer")).isDisplayed());
            assertEquals(shownAs, text("call-name"));
            assertEquals(ani, text("call-number"));
            assertEquals(caseNumber, text("call-case"));
            WebElement link = driver.findElement(By.id("pop-link"));
            String popUrl = link.getAttribute("href");
            assertTrue(link.isDisplayed() && popUrl.contains("/main.aspx?pagetype=entityrecord&etn=incident"), popUrl);
            assertEquals("_blank", link.getAttribute("target"));
            assertFalse(driver.findElement(By.id("pop-blocked")).isDisplayed());
            // The talk timer runs in the page between snapshots.
            browser.waiting(Duration.ofSeconds(10)).until(d -> !text("call-timer").equals("0:00"));
            browser.screenshot("desk-" + screenshot);

            Sipp.Result callerResult = caller.get(90, TimeUnit.SECONDS);
            assertTrue(callerResult.ok(), callerResult.output());
            assertTrue(phone.get(90, TimeUnit.SECONDS).ok());
            awaitState("WRAP_UP");
            assertTrue(driver.findElement(By.id("wrap-up")).isDisplayed());
            awaitState("AVAILABLE");
            List<WebElement> recent = driver.findElements(By.cssSelector("#recent tbody tr"));
            assertEquals(1, recent.size());
            assertTrue(recent.get(0).getText().contains(shownAs) && recent.get(0).getText().contains("answered"),
                    recent.get(0).getText());
            assertEquals(popUrl, recent.get(0).findElement(By.tagName("a")).getAttribute("href"));

            Set<String> handles = driver.getWindowHandles();
            String pop = handles.stream().filter(h -> !h.equals(desk)).findFirst().orElseThrow();
            assertEquals(2, handles.size(), "the pop opens once, however many snapshots repeat it");
            driver.switchTo().window(pop);
            browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(popUrl));
            return driver.getCurrentUrl();
        }
    }

    /** The ACD's name of the state the page shows (the page writes it for people). */
    private void awaitState(String state) {
        awaitState(state, Duration.ofSeconds(10));
    }

    private void awaitState(String state, Duration timeout) {
        browser.waiting(timeout).until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", state));
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private void awaitText(String id, String expected) {
        browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id(id), expected));
    }
}
