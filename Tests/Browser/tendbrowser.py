"""Shared harness for Tend's browser tests: a real `tend serve` on a fresh demo database, driven by
Debian's Chromium through Selenium (the set-up in docs TESTING.md: browser and driver passed explicitly,
so Selenium Manager never tries to download anything).

Each test module calls `start_module()` from `setUpModule` and `stop_module()` from `tearDownModule`:
one temp folder, one database, one server and one browser per module.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "demo-password-2026"
REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
# Keeps the server and browser set-up fast; the search tests need more than one page for a care manager.
DEMO_PATIENTS = int(os.environ.get("TEND_DEMO_PATIENTS", "500"))


def tend_binary():
    path = Path(os.environ.get("TEND_BIN", ".build/debug/tend"))
    if not path.is_absolute():
        path = REPO / path
    if not path.exists():
        # A failure, not a skip: CI must never pass with the browser tests silently left out.
        raise RuntimeError(f"{path} is missing: build it with `swift build --product tend` (or set TEND_BIN)")
    return path


def free_loopback_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TendServer:
    """`tend serve` on a fresh demo database in `folder`, on a free loopback port."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.db = self.folder / "tend.sqlite"
        self.binary = tend_binary()
        self.process = None
        self.log = None

    def start(self):
        for command in (["migrate"], ["demo", "--patients", str(DEMO_PATIENTS)]):
            subprocess.run([str(self.binary), *command, "--db", str(self.db)], check=True, capture_output=True, timeout=120)
        self.port = free_loopback_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(self.folder / "server.log", "wb")
        self.process = subprocess.Popen([str(self.binary), "serve", "--db", str(self.db), "--host", "127.0.0.1", "--port", str(self.port)],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"tend serve exited with {self.process.returncode}: see {self.folder / 'server.log'}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"tend serve did not answer /healthz within 20 s: see {self.folder / 'server.log'}")
            time.sleep(0.1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                code = self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise RuntimeError("tend serve did not stop within 15 s of SIGTERM")
            if code != 0:
                raise RuntimeError(f"tend serve exited with {code} after SIGTERM")
        if self.log:
            self.log.close()

    def query(self, sql, *args):
        """Reads the server's database directly: the oracle for what the pages should show."""
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute(sql, args).fetchall()

    def patients_of(self, username):
        """(public id, given, family, birth date) of the patients on a user's active care teams."""
        return self.query("""
            SELECT p.public_id, p.given_name, p.family_name, p.birth_date FROM patients p
            JOIN care_team_members c ON c.patient_id = p.id AND c.ended_at IS NULL
            JOIN users u ON u.id = c.user_id WHERE u.username = ? ORDER BY p.public_id""", username)


def make_driver():
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US",
                "--force-device-scale-factor=1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    return driver


class Module:
    """What one test module shares: its temp folder, server and browser."""
    folder = None
    server = None
    driver = None


def start_module(module):
    module.folder = Path(tempfile.mkdtemp(prefix="tend-browser-"))
    module.server = TendServer(module.folder)
    try:
        module.server.start()
        module.driver = make_driver()
    except BaseException:
        module.server.stop()
        raise
    return module


def stop_module(module):
    try:
        if module.driver:
            module.driver.quit()
    finally:
        if module.server:
            module.server.stop()
    # Keep the screenshots and the server log; the database is remade by every run.
    for leftover in module.folder.glob("*.sqlite*"):
        leftover.unlink()
    print(f"\n[browser] screenshots of this module: {module.folder}", file=sys.stderr)


class BrowserTestCase(unittest.TestCase):
    """A test against the module's server and browser; saves a screenshot when a test fails."""

    module = Module  # each test module sets its own

    @property
    def driver(self):
        return self.module.driver

    @property
    def server(self):
        return self.module.server

    def run(self, result=None):
        result = result if result is not None else self.defaultTestResult()
        problems = len(result.failures) + len(result.errors)
        outcome = super().run(result)
        if len(result.failures) + len(result.errors) > problems and self.driver is not None:
            path = self.module.folder / f"failure-{self.id().rsplit('.', 1)[-1]}.png"
            try:
                self.driver.save_screenshot(str(path))
                print(f"\n[browser] {self.id()} failed at {self.driver.current_url}; screenshot: {path}", file=sys.stderr)
            except Exception as error:  # the browser itself may be what broke
                print(f"\n[browser] {self.id()} failed; no screenshot ({error})", file=sys.stderr)
        return outcome

    # Navigation and waiting

    def open(self, path):
        self.driver.get(self.server.url + path)

    def wait_for(self, condition, timeout=10):
        return WebDriverWait(self.driver, timeout).until(condition)

    def wait_for_path(self, path, timeout=10):
        try:
            self.wait_for(lambda d: self.path() == path, timeout)
        except Exception:
            self.fail(f"expected to arrive at {path}, still at {self.driver.current_url}")

    def path(self):
        url = self.driver.current_url
        rest = url[len(self.server.url):] if url.startswith(self.server.url) else url
        return rest.split("#", 1)[0]

    def path_without_query(self):
        return self.path().split("?", 1)[0]

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def visible(self, css, timeout=10):
        return self.wait_for(expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css)), timeout)

    def active_element(self):
        return self.driver.switch_to.active_element

    def screenshot(self, name):
        """Saves a full-window screenshot of the current page for a person to look at."""
        path = self.module.folder / f"{name}.png"
        self.driver.save_screenshot(str(path))
        print(f"\n[browser] screenshot {name}: {path}", file=sys.stderr)
        return path

    # Journeys used by several modules

    def sign_in(self, username, password=PASSWORD):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.find("#f-username").clear()
        self.find("#f-username").send_keys(username)
        self.find("#f-password").send_keys(password)
        self.find("#sign-in").click()
        self.wait_for(lambda d: not self.path().startswith("/login"))

    def sign_out(self):
        self.find("#logout").click()
        self.wait_for_path("/login")

    def fill(self, css, text):
        element = self.find(css)
        element.clear()
        element.send_keys(text)
        return element

    def fill_date(self, css, iso):
        """Types a date into an <input type=date> the way a person does (en-US: month, day, year)."""
        year, month, day = iso.split("-")
        element = self.find(css)
        element.click()
        element.send_keys(month + day + year)
        return element
