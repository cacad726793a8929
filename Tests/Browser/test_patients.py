"""The registry as a care manager uses it: search by name and MRN, open a chart, register a patient,
get told what to fix, and be warned before creating a likely duplicate."""

import datetime
import re
import unittest

import tendbrowser
from tendbrowser import BrowserTestCase


class M(tendbrowser.Module):
    pass


def setUpModule():
    tendbrowser.start_module(M)


def tearDownModule():
    tendbrowser.stop_module(M)


def mrn(index):
    """The demo's MRN of patient `index` (demo-0001 is index 0)."""
    return f"MRN{100000 + 7 * index}"


class PatientTestCase(BrowserTestCase):
    module = M

    def setUp(self):
        self.sign_in("cm.alvarez")

    def result_rows(self):
        """(link text, birth date, identifiers, href) of each row of the result table."""
        rows = []
        for tr in self.find_all("table.patients tbody tr"):
            cells = tr.find_elements("css selector", "td")
            link = cells[0].find_element("css selector", "a")
            rows.append((link.text, cells[1].text, cells[3].text, link.get_attribute("href")))
        return rows

    def search(self, **fields):
        self.open("/patients")
        for name, value in fields.items():
            if name == "birthDate":
                self.fill_date("#f-birthDate", value)
            else:
                self.fill(f"#f-{name}", value)
        self.find("#search").click()
        self.wait_for(lambda d: "?" in self.path())


class SearchAndChartTests(PatientTestCase):

    def test_list_shows_only_her_care_team_patients_with_the_right_count(self):
        mine = self.server.patients_of("cm.alvarez")
        self.assertGreater(len(mine), 25, "the demo should give a care manager more than one page")
        self.open("/patients")
        self.assertEqual(self.find("#result-count").text, f"{len(mine)} patients on your list")
        rows = self.result_rows()
        self.assertEqual(len(rows), 25)
        mine_ids = {m[0] for m in mine}
        for _, _, _, href in rows:
            self.assertIn(href.rsplit("/", 1)[-1], mine_ids)
        # Sorted by family name, then given name.
        names = [r[0] for r in rows]
        self.assertEqual(names, sorted(names, key=lambda n: [part.strip().lower() for part in n.split(",")]))
        self.assertTrue(self.find("#next-page").is_displayed())
        self.screenshot("patient-list")

    def test_search_by_name_lists_the_matching_patients(self):
        mine = self.server.patients_of("cm.alvarez")
        _, given, family, _ = next(p for p in mine if p[0] == "demo-0003")
        terms = [given.lower(), family.lower()]
        # Every word typed must start the given or family name (ASCII demo names: no accents to fold).
        expected = {pid for pid, g, f, _ in mine if all(g.lower().startswith(t) or f.lower().startswith(t) for t in terms)}
        self.assertIn("demo-0003", expected)
        self.search(name=f"{given} {family}")
        rows = self.result_rows()
        self.assertEqual({href.rsplit("/", 1)[-1] for *_, href in rows}, expected)
        for text, *_ in rows:
            self.assertTrue(text.startswith(family), text)
        count = len(expected)
        self.assertEqual(self.find("#result-count").text, f"{count} matching patient{'' if count == 1 else 's'}")
        # The search form keeps what was searched for.
        self.assertEqual(self.find("#f-name").get_attribute("value"), f"{given} {family}")

    def test_search_by_a_name_prefix_only_returns_names_starting_with_it(self):
        family = self.server.query("SELECT family_name FROM patients WHERE public_id = 'demo-0001'")[0][0]
        prefix = family[:3]
        self.search(name=prefix.lower())
        rows = self.result_rows()
        self.assertGreater(len(rows), 0)
        expected = [p for p in self.server.patients_of("cm.alvarez")
                    if any(part.lower().startswith(prefix.lower()) for part in (p[1], p[2]))]
        total = int(re.match(r"(\d+) matching patients?$", self.find("#result-count").text).group(1))
        self.assertEqual(total, len(expected))
        for text, *_ in rows:
            family_part, given_part = [s.strip().lower() for s in text.split(",", 1)]
            self.assertTrue(family_part.startswith(prefix.lower()) or given_part.startswith(prefix.lower()), text)

    def test_search_by_mrn_finds_exactly_that_patient_and_opens_the_chart(self):
        index = 2  # demo-0003: on Rosa Alvarez's panel
        given, family, birth, sex = self.server.query(
            "SELECT given_name, family_name, birth_date, sex FROM patients WHERE public_id = 'demo-0003'")[0]
        self.search(identifier=f"  {mrn(index)} ")
        self.assertEqual(self.find("#result-count").text, "1 matching patient")
        rows = self.result_rows()
        self.assertEqual(len(rows), 1)
        name, birth_cell, identifiers, href = rows[0]
        self.assertEqual(name, f"{family}, {given}")
        self.assertEqual(birth_cell, birth)
        self.assertIn(mrn(index), identifiers)
        self.find("table.patients tbody a").click()
        self.wait_for_path("/patients/demo-0003")
        self.assertEqual(self.find("#patient-name").text, f"{given} {family}")
        facts = self.find(".chart-facts").text
        self.assertIn(f"Born {birth}", facts)
        self.assertIn("Female" if sex == "female" else "Male", facts)
        ids = self.find(".chart-ids").text
        self.assertIn(mrn(index), ids)
        self.assertIn(f"M{20000000 + 13 * index:08d}", ids)
        self.assertEqual(self.driver.title, f"{given} {family} · Tend")
        self.screenshot("chart")

    def test_a_patient_off_her_panel_is_not_found_by_mrn_nor_opened_by_address(self):
        # demo-0002 (index 1) is Chidi Okafor's.
        self.search(identifier=mrn(1))
        self.assertEqual(self.find("#result-count").text, "0 matching patients")
        self.assertEqual(self.result_rows(), [])
        self.open("/patients/demo-0002")
        self.assertEqual(self.find("h1").text, "Not found")
        self.assertEqual(self.find_all("#patient-name"), [])

    def test_unknown_name_says_nothing_matches(self):
        self.search(name="Zzyzx")
        self.assertEqual(self.find("#result-count").text, "0 matching patients")
        self.assertIn("No patient matches", self.find("p.empty").text)


class CreatePatientTests(PatientTestCase):

    def open_new_form(self):
        self.find("nav a[href='/patients/new']").click()
        self.wait_for_path("/patients/new")
        self.assertEqual(self.find("h1").text, "New patient")

    def test_create_a_patient_through_the_form_opens_the_new_chart(self):
        self.open("/patients")
        self.open_new_form()
        self.fill("#f-givenName", "Marisol")
        self.fill("#f-familyName", "Quintero-Baptiste")
        self.fill("#f-preferredName", "Mari")
        self.fill_date("#f-birthDate", "1948-03-14")
        self.find("#f-sex option[value=female]").click()
        self.fill("#f-preferredLanguage", "Spanish")
        self.find("#f-interpreterNeeded").click()
        self.fill("#f-phone", "(617) 555-0199")
        self.fill("#f-address-city", "Chelsea")
        self.fill("#f-identifier-mrn", "MRN900001")
        self.fill("#f-supportPeople-0--name", "Elena Quintero")
        self.fill("#f-supportPeople-0--relationship", "daughter")
        self.fill("#f-priorities", "Stay in my own home.")
        self.find("#save-patient").click()
        self.wait_for(lambda d: re.fullmatch(r"/patients/[^/]+", self.path()) and self.path() != "/patients/new")
        self.assertEqual(self.find("#patient-name").text, "Marisol \u201cMari\u201d Quintero-Baptiste")
        facts = self.find(".chart-facts").text
        self.assertIn("Born 1948-03-14", facts)
        self.assertIn("Female", facts)
        self.assertIn("Speaks Spanish, needs an interpreter", facts)
        self.assertIn("MRN MRN900001", self.find(".chart-ids").text)
        self.assertIn("(617) 555-0199", self.find("#contact").text)
        self.assertIn("Chelsea", self.find("#contact").text)
        self.assertIn("Elena Quintero (daughter)", self.find("#support").text)
        self.assertEqual(self.find("#priorities .priorities").text, "Stay in my own home.")
        # The creator is on the care team, so the new patient is on her list and found by MRN.
        self.assertIn("Rosa Alvarez, RN", self.find("#care-team").text)
        self.search(identifier="MRN900001")
        self.assertEqual([r[0] for r in self.result_rows()], ["Quintero-Baptiste, Marisol (Mari)"])

    def test_missing_family_name_and_future_birth_date_show_inline_errors_and_keep_the_values(self):
        self.open("/patients/new")
        future = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
        self.fill("#f-givenName", "Tobias")
        self.fill_date("#f-birthDate", future)
        self.find("#f-sex option[value=male]").click()
        self.fill("#f-phone", "617-555-0142")
        self.fill("#f-priorities", "Walk to church again")
        self.find("#save-patient").click()
        summary = self.visible("#form-errors")
        self.assertEqual(summary.get_attribute("role"), "alert")
        self.assertIn("2 fields", summary.text)
        # The server answered 422 with the form again (no redirect, no patient created).
        self.assertEqual(self.path(), "/patients")
        self.assertEqual(self.server.query("SELECT COUNT(*) FROM patients WHERE given_name = 'Tobias'")[0][0], 0)
        for name, message in (("familyName", "Family name is required"), ("birthDate", "Birth date cannot be in the future")):
            field = self.find(f"#f-{name}")
            self.assertEqual(field.get_attribute("aria-invalid"), "true", name)
            described = field.get_attribute("aria-describedby").split()
            self.assertIn(f"f-{name}-error", described)
            error = self.find(f"#f-{name}-error")
            self.assertEqual(error.text, message)
            # The message sits next to its field: inside the same field group, right below the input.
            group = field.find_element("xpath", "..")
            self.assertIn("has-error", group.get_attribute("class"))
            self.assertEqual(error.find_element("xpath", "..").id, group.id)
            self.assertGreater(error.rect["y"], field.rect["y"])
            self.assertLess(error.rect["y"] - (field.rect["y"] + field.rect["height"]), 40)
        # Fields without a problem are not marked.
        self.assertIsNone(self.find("#f-givenName").get_attribute("aria-invalid"))
        # What was typed is still there.
        self.assertEqual(self.find("#f-givenName").get_attribute("value"), "Tobias")
        self.assertEqual(self.find("#f-birthDate").get_attribute("value"), future)
        self.assertTrue(self.find("#f-sex option[value=male]").is_selected())
        self.assertEqual(self.find("#f-phone").get_attribute("value"), "617-555-0142")
        self.assertEqual(self.find("#f-priorities").get_attribute("value"), "Walk to church again")
        self.screenshot("create-form-errors")
        # Fixing both fields creates the patient.
        self.fill("#f-familyName", "Lindqvist")
        self.fill_date("#f-birthDate", "1951-07-02")
        self.find("#save-patient").click()
        self.wait_for(lambda d: self.find_all("#patient-name"))
        self.assertEqual(self.find("#patient-name").text, "Tobias Lindqvist")
        self.assertIn("Born 1951-07-02", self.find(".chart-facts").text)

    def test_a_likely_duplicate_is_warned_about_and_created_only_when_confirmed(self):
        existing_id, given, family, birth = next(p for p in self.server.patients_of("cm.alvarez") if p[0] == "demo-0009")
        before = self.server.query("SELECT COUNT(*) FROM patients")[0][0]
        self.open("/patients/new")
        # Same birth date, same given name, family name with one letter dropped.
        similar_family = family[:-2] + family[-1]
        self.fill("#f-givenName", given)
        self.fill("#f-familyName", similar_family)
        self.fill_date("#f-birthDate", birth)
        self.find("#f-sex option[value=unknown]").click()
        self.find("#save-patient").click()
        warning = self.visible("#duplicate-warning")
        self.assertIn("already registered", warning.text)
        self.assertIn(f"born {birth}: same birth date and a similar name", warning.text)
        link = warning.find_element("css selector", "a")
        self.assertEqual(link.get_attribute("href"), f"{self.server.url}/patients/{existing_id}")
        self.assertEqual(self.server.query("SELECT COUNT(*) FROM patients")[0][0], before)
        self.assertEqual(self.find("#f-familyName").get_attribute("value"), similar_family)
        self.screenshot("duplicate-warning")
        # Submitting again without ticking the box still only warns.
        self.find("#save-patient").click()
        self.visible("#duplicate-warning")
        self.assertEqual(self.server.query("SELECT COUNT(*) FROM patients")[0][0], before)
        # Ticking the confirmation (by its label) creates the patient.
        self.find("label[for=f-confirmNotDuplicate]").click()
        self.assertTrue(self.find("#f-confirmNotDuplicate").is_selected())
        self.find("#save-patient").click()
        self.wait_for(lambda d: self.find_all("#patient-name"))
        self.assertEqual(self.find("#patient-name").text, f"{given} {similar_family}")
        new_id = self.path().rsplit("/", 1)[-1]
        self.assertNotEqual(new_id, existing_id)
        self.assertEqual(self.server.query("SELECT COUNT(*) FROM patients")[0][0], before + 1)


if __name__ == "__main__":
    unittest.main()
