"""Signing in and out, by mouse and by keyboard alone, and what a signed-out browser can still reach."""

import unittest

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

import tendbrowser
from tendbrowser import PASSWORD, BrowserTestCase


class M(tendbrowser.Module):
    pass


def setUpModule():
    tendbrowser.start_module(M)


def tearDownModule():
    tendbrowser.stop_module(M)


class SignInTests(BrowserTestCase):
    module = M

    def test_care_manager_signs_in_through_the_form_and_lands_on_her_list(self):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.assertEqual(self.driver.title, "Sign in · Tend")
        self.screenshot("login")
        self.fill("#f-username", "cm.alvarez")
        self.fill("#f-password", PASSWORD)
        self.find("#sign-in").click()
        self.wait_for_path("/patients")
        self.assertEqual(self.find("h1").text, "My patients")
        self.assertIn("Rosa Alvarez, RN", self.find(".user-name").text)
        self.assertEqual(self.find("nav a[aria-current=page]").text, "Patients")

    def test_wrong_password_shows_the_error_and_stays_on_the_sign_in_page(self):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.fill("#f-username", "cm.alvarez")
        self.fill("#f-password", "not-the-password")
        self.find("#sign-in").click()
        alert = self.visible("#login-error")
        self.assertEqual(alert.text, "Wrong username or password.")
        self.assertEqual(alert.get_attribute("role"), "alert")
        self.assertEqual(self.path_without_query(), "/login")
        # The username is kept so the person only retypes the password; the password never comes back.
        self.assertEqual(self.find("#f-username").get_attribute("value"), "cm.alvarez")
        self.assertEqual(self.find("#f-password").get_attribute("value"), "")
        self.assertIsNone(self.driver.get_cookie("tend_session"))
        # ...and the same form then works with the right password.
        self.fill("#f-password", PASSWORD)
        self.find("#sign-in").click()
        self.wait_for_path("/patients")

    def test_a_signed_out_visitor_is_sent_to_sign_in_and_then_back_to_the_page_asked_for(self):
        self.driver.delete_all_cookies()
        self.open("/patients/demo-0001")
        self.wait_for_path("/login?next=%2Fpatients%2Fdemo-0001")
        self.fill("#f-username", "cm.alvarez")
        self.fill("#f-password", PASSWORD)
        self.find("#sign-in").click()
        self.wait_for_path("/patients/demo-0001")
        given, family = self.server.query("SELECT given_name, family_name FROM patients WHERE public_id = 'demo-0001'")[0]
        self.assertIn(given, self.find("#patient-name").text)
        self.assertIn(family, self.find("#patient-name").text)

    def test_sign_out_returns_to_sign_in_and_back_or_reload_cannot_reopen_the_chart(self):
        self.sign_in("cm.alvarez")
        self.open("/patients/demo-0001")
        self.visible("#patient-name")
        self.sign_out()
        self.assertEqual(self.find("h1").text, "Sign in to Tend")
        self.assertIsNone(self.driver.get_cookie("tend_session"))
        # The browser's back button must not show the chart again (pages are no-store, the session is gone).
        self.driver.back()
        self.wait_for(lambda d: self.path_without_query() == "/login")
        self.assertEqual(self.find_all("#patient-name"), [])
        self.assertEqual(self.path(), "/login?next=%2Fpatients%2Fdemo-0001")
        # Reloading or typing the patient's address also goes to sign-in.
        self.open("/patients/demo-0001")
        self.wait_for(lambda d: self.path_without_query() == "/login")
        self.driver.refresh()
        self.wait_for(lambda d: self.path_without_query() == "/login")
        self.assertEqual(self.find_all("#patient-name"), [])


class KeyboardTests(BrowserTestCase):
    module = M

    def press(self, *keys):
        ActionChains(self.driver).send_keys(*keys).perform()

    def test_skip_link_is_the_first_stop_and_moves_focus_to_main(self):
        self.sign_in("cm.alvarez")
        self.open("/patients")
        self.driver.execute_script("document.activeElement && document.activeElement.blur()")
        self.press(Keys.TAB)
        skip = self.active_element()
        self.assertEqual(skip.get_attribute("class"), "skip-link")
        self.assertEqual(skip.text, "Skip to main content")
        # Hidden until focused, then on screen and not covered.
        rect = skip.rect
        self.assertGreaterEqual(rect["x"], 0)
        self.assertGreaterEqual(rect["y"], 0)
        self.assertTrue(skip.is_displayed())
        self.press(Keys.ENTER)
        self.wait_for(lambda d: self.active_element().get_attribute("id") == "main")
        # The next Tab goes into the page's content, past the header's navigation.
        self.press(Keys.TAB)
        self.assertEqual(self.active_element().get_attribute("id"), "f-name")

    def test_sign_in_with_tab_and_enter_only(self):
        self.driver.delete_all_cookies()
        self.open("/login")
        # The username field has focus on arrival.
        self.assertEqual(self.active_element().get_attribute("id"), "f-username")
        self.press("cm.alvarez", Keys.TAB)
        self.assertEqual(self.active_element().get_attribute("id"), "f-password")
        self.press(PASSWORD, Keys.TAB)
        self.assertEqual(self.active_element().get_attribute("id"), "sign-in")
        self.press(Keys.ENTER)
        self.wait_for_path("/patients")
        self.assertEqual(self.find("h1").text, "My patients")

    def test_tab_order_of_the_sign_in_page_and_enter_submits_from_the_field(self):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.assertEqual(self.active_element().get_attribute("id"), "f-username")

        def label(element):
            return element.get_attribute("id") or element.get_attribute("class") or element.text

        backwards = []
        for _ in range(2):
            ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
            backwards.append(label(self.active_element()))
        self.assertEqual(backwards, ["Tend", "skip-link"])
        self.press(Keys.TAB, Keys.TAB)
        self.assertEqual(label(self.active_element()), "f-username")
        self.press("cm.alvarez", Keys.TAB, PASSWORD + "x", Keys.ENTER)  # a wrong password, submitted from the field
        self.assertEqual(self.visible("#login-error").text, "Wrong username or password.")
        self.assertEqual(self.path_without_query(), "/login")

if __name__ == "__main__":
    unittest.main()
