"""Simulated people of the deadline week (issue 15), for Locust.

Run by `python -m bench.load` (which prepares the database and passes LOAD_MANIFEST); by hand:
    LOAD_MANIFEST=manifest.json locust -f bench/load/locustfile.py --host http://127.0.0.1:8000

Each simulated person logs in the way a browser does (GET the login page, post the form with
its CSRF token, keep the session and CSRF cookies) and posts the real HTML forms: a draft save
posts every field of the request form as the page rendered it, with one field changed.
Requests are named "<kind>" for the report; writes carry "[write]" in their names. A person
that runs out of drafts or waiting requests goes on reading.
"""

import itertools
import json
import os
import random
import threading
import time
from urllib.parse import urlencode

from locust import FastHttpUser, LoadTestShape, between, events, task

from bench.load.cpu_share import cores_used, cpu_seconds
from bench.load.forms import csrf_token, form_fields

MANIFEST = json.loads(open(os.environ["LOAD_MANIFEST"], encoding="utf-8").read())
YEAR = MANIFEST["fiscal_year"]
PASSWORD = MANIFEST["password"]
THINK = [float(x) for x in os.environ.get("LOAD_THINK", "1,4").split(",")]
WRITE = "[write]"

_lock = threading.Lock()
_next = {role: itertools.cycle(accounts) for role, accounts in MANIFEST["accounts"].items() if accounts}


def next_account(role: str) -> dict:
    """Accounts are handed out round robin; each holds its own drafts / waiting requests."""
    with _lock:
        account = next(_next[role])
        account.setdefault("_taken", 0)
        account["_taken"] += 1
        return account


class Person(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(*THINK)

    def on_start(self):
        self.account = next_account(self.role)
        # a second simulated person on the same account works on nothing the first one holds
        self.drafts = list(self.account.get("drafts", []))
        self.waiting = list(self.account.get("waiting", []))
        if self.account["_taken"] > 1:
            random.shuffle(self.drafts)
            random.shuffle(self.waiting)
        if self.login():
            _started()

    def login(self) -> bool:
        """Log in like a browser; tried again after a refusal or a timeout (a storm of password
        hashes at the start of a level can outlast the client's timeout). True once in."""
        for attempt in range(5):
            page = self.client.get("/accounts/login/", name="login page")
            with self.client.post(
                "/accounts/login/",
                data={
                    "username": self.account["username"],
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": csrf_token(page.text or "") or "",
                },
                headers={"Referer": self.host + "/accounts/login/"},
                name="login " + WRITE,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code == 302:
                    return True
                response.failure(f"login answered {response.status_code}")
            time.sleep(2 * (attempt + 1))
        return False

    def read(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            elif "/accounts/login/" in (response.url or ""):
                response.failure("sent to the login page")
            return response

    def post_form(self, page_url, action, name, change=None, expect=(302,)):
        """GET the page, post its form as a browser would, with the fields of `change` set (the
        way a person types or ticks them). Returns the response of the POST (not followed) or
        None when the page had no such form."""
        page = self.read(page_url, name=f"{name} form")
        fields = form_fields(page.text or "", action, page_url)
        if not fields:
            return None
        change = change or {}
        fields = [(k, change.get(k, v)) for k, v in fields]
        fields += [(k, v) for k, v in change.items() if k not in {name for name, _ in fields}]
        with self.client.post(
            action,
            # encoded here: repeated names (formset rows, multi-selects) are a list of pairs, which
            # the fast client's dict-only `data` cannot carry (the 403s were missing tokens)
            data=urlencode(fields),
            headers={"Referer": self.host + page_url, "Content-Type": "application/x-www-form-urlencoded"},
            name=f"{name} {WRITE}",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code}")
            return response


class Planner(Person):
    """A provincial planner in the last week: reads the list and own plan, edits and submits."""

    role = "planner"
    weight = 50

    @task(4)
    def request_list(self):
        self.read(f"/requests/?fiscal_year={YEAR}", "planner: request list")

    @task(4)
    def request_detail(self):
        self.read(f"/requests/{random.choice(self.account['requests'])}/", "planner: request detail")

    @task(2)
    def plan_page(self):
        self.read(f"/plans/{self.account['plan']}/", "planner: plan page")

    @task(1)
    def search(self):
        self.read(f"/requests/?fiscal_year={YEAR}&q=ขุดลอก", "planner: search")

    @task(1)
    def api_list(self):
        self.read(f"/api/v1/requests/?fiscal_year={YEAR}", "planner: API list")

    @task(3)
    def draft_save(self):
        if not self.drafts:
            return self.request_detail()
        pk = random.choice(self.drafts)
        url = f"/requests/{pk}/edit/"
        response = self.post_form(
            url, url, "planner: draft save", change={"objectives": f"ปรับปรุงวัตถุประสงค์ครั้งที่ {random.randint(1, 10**6)}"}
        )
        if response is None:  # no longer a draft (submitted by this person earlier)
            self.drafts.remove(pk)

    @task(1)
    def submit(self):
        if not self.drafts:
            return self.plan_page()
        pk = self.drafts.pop()
        action = f"/requests/{pk}/transition/"
        response = self.post_form(f"/requests/{pk}/submit/", action, "planner: submit", change={"action": "submit"})
        if response is not None and response.status_code == 302:
            # the browser follows to the request page, where the outcome is shown
            self.read(response.headers.get("Location") or f"/requests/{pk}/", "planner: request detail")


class ClusterOfficer(Person):
    role = "cluster"
    weight = 8

    @task(3)
    def board(self):
        self.read(f"/cluster/?year={YEAR}", "cluster: board")

    @task(3)
    def request_list(self):
        self.read(f"/requests/?fiscal_year={YEAR}", "cluster: request list")

    @task(1)
    def plans(self):
        self.read(f"/plans/?fiscal_year={YEAR}", "cluster: plan list")


class Reviewer(Person):
    """A ministry's policy bureau: the queue, the decision page, endorsements."""

    role = "reviewer"
    weight = 20

    @task(4)
    def queue(self):
        self.read(f"/reviews/?fiscal_year={YEAR}", "reviewer: queue")

    @task(1)
    def queue_search(self):
        self.read(f"/reviews/?which=all&fiscal_year={YEAR}&q=ฝาย", "reviewer: queue search")

    @task(3)
    def decision_page(self):
        if self.waiting:
            self.read(f"/reviews/requests/{random.choice(self.waiting)}/", "reviewer: decision page")
        else:
            self.queue()

    @task(1)
    def endorse(self):
        if not self.waiting:
            return self.queue()
        pk = self.waiting.pop()
        url = f"/reviews/requests/{pk}/"
        self.post_form(url, url, "reviewer: endorse", change={"decision": "endorse", "comment": "เห็นชอบ"})


class CentralStaff(Person):
    role = "central"
    weight = 8

    @task(2)
    def dashboard(self):
        self.read(f"/reviews/dashboards/?fiscal_year={YEAR}", "central: dashboard")

    @task(2)
    def dashboard_data(self):
        self.read(f"/api/v1/dashboards/?fiscal_year={YEAR}", "central: dashboard data")

    @task(2)
    def agenda(self):
        self.read("/reviews/agendas/", "central: agenda list")

    @task(2)
    def request_list(self):
        self.read(f"/requests/?fiscal_year={YEAR}", "central: request list")

    @task(1)
    def search(self):
        self.read(f"/requests/?fiscal_year={YEAR}&q=ขุดลอก กระบี่", "central: search")


class Probe(FastHttpUser):
    """The ceiling, measured in the same run: a view that touches neither database nor session."""

    weight = 14
    wait_time = between(*THINK)

    def on_start(self):
        _started()

    @task
    def healthz(self):
        self.client.get("/healthz", name=TRIVIAL)


# --- levels and measurement windows ------------------------------------------------------------
# One Locust run steps through the levels (50, 100, 200 users): the people of a level stay for the
# next, so each new person logs in once. A level's window opens only when everyone has logged in
# (a login is a deliberately slow password hash: a storm of them is not the steady state
# measured), and closes after LOAD_MEASURE seconds; each sample is kept with its level.

TRIVIAL = "trivial: /healthz"
LEVELS = [int(x) for x in os.environ.get("LOAD_LEVELS", "50,100,200").split(",")]
MEASURE = float(os.environ.get("LOAD_MEASURE", "60"))
RAMP_LIMIT = float(os.environ.get("LOAD_RAMP_LIMIT", "180"))  # measure anyway after this long
RESULTS = os.environ.get("LOAD_RESULTS", "load-results.json")
_state = {"started": 0, "level": None, "samples": {}, "windows": {}, "cpu": None}


def _started():
    with _lock:
        _state["started"] += 1


@events.request.add_listener
def _sample(request_type, name, response_time, response_length, exception=None, **kwargs):
    level = _state["level"]
    if level is not None:
        _state["samples"][level].append((name, response_time, None if exception is None else str(exception)[:120]))


class Levels(LoadTestShape):
    use_common_options = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.index, self.phase, self.since = 0, "ramp", None

    def tick(self):
        now = time.monotonic()
        if self.since is None:
            self.since = now
        if self.index >= len(LEVELS):
            return None
        target = LEVELS[self.index]
        rate = max(5.0, target / 10)
        running = self.runner.user_count if self.runner else 0
        if self.phase == "ramp":
            everyone_in = running >= target and _state["started"] >= target
            if everyone_in or now - self.since > RAMP_LIMIT:
                ramp, self.phase, self.since = now - self.since, "measure", now
                _state["samples"][target] = []
                _state["windows"][target] = {
                    "ramp_seconds": round(ramp, 1),
                    "all_logged_in": everyone_in,
                    "load_average_start": os.getloadavg(),
                    "users": dict(self.runner.user_classes_count) if self.runner else {},
                }
                _state["cpu"] = cpu_seconds()
                _state["level"] = target
        elif now - self.since >= MEASURE:
            _state["level"] = None
            window = _state["windows"][target]
            window["seconds"] = now - self.since
            window["load_average_end"] = os.getloadavg()
            window["cores_used"] = cores_used(_state["cpu"], cpu_seconds(), window["seconds"])
            self.index, self.phase, self.since = self.index + 1, "ramp", now
            if self.index >= len(LEVELS):
                return None
            target = LEVELS[self.index]
            rate = max(5.0, target / 10)
        return target, rate


@events.quitting.add_listener
def _write_results(environment, **kwargs):
    with open(RESULTS, "w", encoding="utf-8") as out:
        json.dump(
            {"levels": LEVELS, "windows": _state["windows"], "samples": _state["samples"]}, out, ensure_ascii=False
        )
