package org.ecarehub.web;

import java.time.Duration;
import org.ecarehub.identity.internal.TotpCodes;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every portal browser test does: sign in with password and code, and choose whose record to look at. */
final class PortalBrowsing {

    /** The TOTP secret of every demo portal account (DEMO.md). */
    static final String DEMO_SECRET = "JBSWY3DPEHPK3PXP";

    private PortalBrowsing() {}

    /** Fills in and sends the portal's sign-in form; returns once the browser has left the sign-in page. */
    static void signIn(RunningHub hub, WebDriver driver, String username, String password, String code) {
        driver.get(hub.uri("/portal/sign-in").toString());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(browser -> !browser.getCurrentUrl()
                        .equals(hub.uri("/portal/sign-in").toString()));
    }

    /** Signs a demo portal account in with its password and a fresh code, and waits for the portal's home page. */
    static void signInAs(RunningHub hub, WebDriver driver, String username) {
        signIn(hub, driver, username, "demo", TotpCodes.next(username, DEMO_SECRET));
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(browser ->
                        browser.getCurrentUrl().equals(hub.uri("/portal").toString()));
    }

    /** Chooses whose record to look at on the portal's home page. */
    static void choose(WebDriver driver, PersonId person) {
        driver.findElement(By.cssSelector("input[name='person'][value='" + person.value() + "']"))
                .click();
        driver.findElement(By.id("choose")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(browser -> browser.getCurrentUrl().endsWith("/portal/record"));
    }
}
