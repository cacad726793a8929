"""Accessibility and layout of every main page, checked in the real browser: structure, labels,
error wiring, WCAG AA text contrast, a focus ring that shows on every background, nothing overflowing.
Also saves screenshots of each page for a person to look at (their paths are printed)."""

import datetime
import unittest
from pathlib import Path


import tendbrowser
from tendbrowser import BrowserTestCase

PAGE_CHECKS = (Path(__file__).parent / "page_checks.js").read_text()

# The focus ring's best contrast against the colour behind the focused element (WCAG 1.4.11 wants 3:1).
FOCUS_RING_CONTRAST = """
const e = arguments[0];
e.focus();
const parse = (c) => { const m = c.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/);
                       return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null; };
const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                     return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
let bg = null;
for (let p = e.parentElement; p && !bg; p = p.parentElement) { const c = parse(getComputedStyle(p).backgroundColor); if (c && c.a === 1) bg = c; }
bg = bg || { r: 255, g: 255, b: 255, a: 1 };
const s = getComputedStyle(e);
const rings = [];
if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) rings.push(parse(s.outlineColor));
for (const m of (s.boxShadow || "").matchAll(/rgba?\\([^)]*\\)/g)) rings.push(parse(m[0]));
const best = Math.max(0, ...rings.filter((c) => c && c.a === 1).map((c) => ratio(c, bg)));
e.blur();
return best;
"""


class M(tendbrowser.Module):
    pass


def setUpModule():
    tendbrowser.start_module(M)


def tearDownModule():
    tendbrowser.stop_module(M)


class PageTests(BrowserTestCase):
    module = M

    def check_page(self, name):
        """Runs the in-page checks and saves a screenshot named `name`."""
        self.screenshot(name)
        problems = self.driver.execute_script(PAGE_CHECKS)
        self.assertEqual(problems, [], f"{name} ({self.driver.current_url})")

    def check_focus_rings(self, css):
        for element in self.find_all(css):
            if not element.is_displayed():
                continue
            best = self.driver.execute_script(FOCUS_RING_CONTRAST, element)
            self.assertGreaterEqual(best, 3, f"focus ring of {element.tag_name}#{element.get_attribute('id')} "
                                             f"'{element.text[:30]}' has contrast {best:.2f}")

    def test_sign_in_page_and_its_error(self):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.check_page("login")
        self.check_focus_rings(".site-header a, input, button")
        self.fill("#f-username", "cm.alvarez")
        self.fill("#f-password", "wrong")
        self.find("#sign-in").click()
        self.visible("#login-error")
        self.check_page("login-error")

    def test_patient_list_and_search_without_results(self):
        self.sign_in("cm.alvarez")
        self.open("/patients")
        self.check_page("patient-list")
        self.check_focus_rings(".site-header a, .site-header button, form.search input, form.search button, table a")
        self.open("/patients?name=Zzyzx")
        self.check_page("patient-list-empty")

    def test_bad_birth_date_in_the_search_is_an_inline_error(self):
        self.sign_in("cm.alvarez")
        self.open("/patients?birthDate=1950-13-40")
        error = self.visible("#f-birthDate-error")
        self.assertEqual(self.find("#f-birthDate").get_attribute("aria-describedby"), "f-birthDate-error")
        self.assertIn("YYYY-MM-DD", error.text)
        self.check_page("patient-list-bad-date")

    def test_chart_with_a_long_email_stays_inside_its_card(self):
        self.sign_in("cm.alvarez")
        # The longest email on her panel: the likeliest to overflow the Contact card.
        patient_id = self.server.query("""
            SELECT p.public_id FROM patients p JOIN care_team_members c ON c.patient_id = p.id
            JOIN users u ON u.id = c.user_id AND u.username = 'cm.alvarez'
            ORDER BY length(p.email) DESC, p.public_id LIMIT 1""")[0][0]
        self.open(f"/patients/{patient_id}")
        self.visible("#patient-name")
        self.check_page("chart")
        self.check_focus_rings("#edit-patient, .site-header a")

    def test_create_form_with_errors(self):
        self.sign_in("cm.alvarez")
        self.open("/patients/new")
        self.check_page("create-form")
        self.check_focus_rings("form.patient-form input:not([type=hidden]), form.patient-form select, #save-patient")
        self.fill("#f-givenName", "Tobias")
        self.fill_date("#f-birthDate", (datetime.date.today() + datetime.timedelta(days=30)).isoformat())
        self.fill("#f-priorities", "x" * 5000)
        self.find("#save-patient").click()
        self.visible("#form-errors")
        self.check_page("create-form-errors")
        # Every field in error says so, and its message is linked (the textarea too).
        invalid = {e.get_attribute("id") for e in self.find_all("[aria-invalid=true]")}
        self.assertEqual(invalid, {"f-familyName", "f-birthDate", "f-sex", "f-priorities"})
        self.assertIn("Priorities", self.find("#f-priorities-error").text)

    def test_duplicate_warning_is_in_view_after_submitting(self):
        self.sign_in("cm.alvarez")
        given, family, birth = self.server.query("SELECT given_name, family_name, birth_date FROM patients WHERE public_id = 'demo-0001'")[0]
        self.open("/patients/new")
        self.fill("#f-givenName", given)
        self.fill("#f-familyName", family)
        self.fill_date("#f-birthDate", birth)
        self.find("#f-sex option[value=other]").click()
        self.find("#save-patient").click()
        warning = self.visible("#duplicate-warning")
        viewport = self.driver.execute_script("return window.innerHeight")
        self.assertLess(warning.rect["y"] + 40, viewport, "the warning should be visible without scrolling")
        checkbox_top = self.find("#f-confirmNotDuplicate").rect["y"]
        self.assertLess(checkbox_top, viewport, "the confirmation should be visible without scrolling")
        self.check_page("duplicate-warning")

    def test_audit_log_as_administrator(self):
        self.sign_in("admin")
        self.wait_for_path("/admin/audit")
        rows = self.find_all("#audit-table tbody tr")
        self.assertGreater(len(rows), 0)
        # Newest first: the admin's own sign-in is the first row.
        first = [td.text for td in rows[0].find_elements("css selector", "td")]
        self.assertEqual(first[1], "admin")
        self.check_page("audit-log")
        self.open("/admin/audit?from=yesterday")
        self.assertIn("YYYY-MM-DD", self.visible("#f-from-error").text)
        self.check_page("audit-log-bad-date")

    def test_other_pages_of_the_signed_in_roles(self):
        for user, path, name in (("cm.alvarez", "/break-glass", "break-glass"),
                                 ("supervisor", "/break-glass/review", "access-review"),
                                 ("supervisor", "/population", "population"),
                                 ("partner", "/welcome", "welcome"),
                                 ("cm.alvarez", "/patients/no-such-patient", "not-found")):
            with self.subTest(page=name):
                self.sign_in(user)
                self.open(path)
                self.check_page(name)

    def test_skip_link_is_visible_and_ringed_when_focused(self):
        self.sign_in("cm.alvarez")
        self.open("/patients")
        skip = self.find(".skip-link")
        self.assertFalse(skip.is_displayed() and skip.rect["x"] >= 0, "hidden until focused")
        self.driver.execute_script("arguments[0].focus()", skip)
        self.assertGreaterEqual(skip.rect["x"], 0)
        self.screenshot("skip-link-focused")
        self.check_focus_rings(".skip-link")


if __name__ == "__main__":
    unittest.main()
