"""Security of the registry API: every route x every role x own office / office below /
another branch, generated from the app's route table; 401, CSRF, hostile ids and filters,
the login limit. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from registry_helpers import DISTRICT, OBLAST, OTHER_OBLAST, ready_registry, registrable
from test_access import expected
from test_service import csv_book

from docgen.registry import Registry
from docgen.registry.access import Action
from docgen.registry.accounts import MAX_FAILURES_PER_LOGIN, Role
from docgen.service.app import Limits, create_app
from docgen.service.registry_api import CSRF_HEADER, LIFECYCLE, SESSION_COOKIE

OTHER_DISTRICT = "ala-1"
PASSWORD = "long password 1"
PLACES = ("own", "below", "other")
HOSTILE = [
    "' OR '1'='1",
    "1; DROP TABLE acts; --",
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "1 UNION SELECT login FROM accounts",
    "-1",
    "99999999999999999999999",
    "<script>alert(1)</script>",
]


@dataclass
class World:
    """A registry with a hierarchy, an account per role in the district and the oblast,
    a clerk of another branch, an act of the district and one of the other branch."""

    client: TestClient
    registry: Registry
    tokens: dict[tuple[str, Role], str]
    district_act: int
    other_act: int

    def headers(self, office: str, role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[office, role]}"}


def _make_world(url: str) -> Iterator[World]:
    registry = ready_registry(url)
    registry.add_office(
        OTHER_DISTRICT,
        name_ru="Прокуратура района",
        name_kk="Аудан прокуратурасы",
        level="district",
        parent=OTHER_OBLAST,
    )
    tokens: dict[tuple[str, Role], str] = {}
    for office in (DISTRICT, OBLAST, OTHER_DISTRICT):
        for role in Role:
            login = f"{role.value}.{office}"
            registry.accounts.add(login, office=office, role=role, password=PASSWORD)
            tokens[office, role] = registry.accounts.new_token(login)
    district_act = registry.register("predpisanie", registrable()).id
    other = registrable()
    other["office"]["code"] = OTHER_DISTRICT
    other_act = registry.register("predpisanie", other).id
    app = create_app(Limits(), registry_url=url)
    with TestClient(app, base_url="https://testserver") as client:
        yield World(client, registry, tokens, district_act, other_act)
    registry.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'registry.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres").new_database()
    yield from _make_world(url)


@dataclass(frozen=True)
class Call:
    """How to call a route: method, path with the act id filled in, its action, body."""

    method: str
    path: str
    action: Action | None  # None: the account's own data, any role
    act_bound: bool = True
    params: dict[str, str] | None = None
    batch: bool = False
    body: dict[str, Any] | None = None


def calls(act_id: int, office: str) -> dict[tuple[str, str], list[Call]]:
    """Return a concrete call of every registry route, keyed by the route's method and path."""
    year = str(dt.date.today().year)
    return {
        ("GET", "/api/registry/acts"): [Call("GET", "/api/registry/acts", None, False)],
        ("GET", "/api/registry/acts/{act_id}"): [
            Call("GET", f"/api/registry/acts/{act_id}", Action.READ)
        ],
        ("GET", "/api/registry/acts/{act_id}/document"): [
            Call("GET", f"/api/registry/acts/{act_id}/document", Action.READ)
        ],
        **{
            ("POST", f"/api/registry/acts/{{act_id}}/{name}"): [
                Call("POST", f"/api/registry/acts/{act_id}/{name}", Action(name))
            ]
            for name in LIFECYCLE
        },
        ("GET", "/api/registry/due"): [Call("GET", "/api/registry/due", None, False)],
        ("POST", "/api/registry/notifications/{number}/close"): [
            Call(
                "POST",
                "/api/registry/notifications/999999/close",
                Action.CLOSE_NOTIFICATION,
                False,
                body={"year": 2025, "office": office, "reason": "меры законны"},
            )
        ],
        ("POST", "/api/registry/notifications/{number}/reopen"): [
            Call(
                "POST",
                "/api/registry/notifications/999999/reopen",
                Action.REOPEN_NOTIFICATION,
                False,
                body={"year": 2025, "office": office, "reason": "закрыто ошибочно"},
            )
        ],
        ("GET", "/api/registry/journal/{kind}"): [
            Call(
                "GET",
                f"/api/registry/journal/{kind}",
                Action.READ,
                params={"year": year, "office": office},
            )
            for kind in ("acts", "notifications", "sanctions")
        ],
        ("GET", "/api/registry/export"): [
            Call(
                "GET",
                "/api/registry/export",
                Action.EXPORT,
                False,
                params={"from": "2000-01-01", "to": "2100-01-01"},
            )
        ],
        ("POST", "/api/acts/{act_type}/render"): [
            Call(
                "POST",
                "/api/acts/predpisanie/render",
                Action.REGISTER,
                params={"register": "true"},
            )
        ],
        ("POST", "/api/acts/{act_type}/batch"): [
            Call(
                "POST",
                "/api/acts/predpisanie/batch",
                Action.REGISTER,
                params={"register": "true"},
                batch=True,
            )
        ],
        ("GET", "/api/auth/me"): [Call("GET", "/api/auth/me", None, False)],
        ("POST", "/api/auth/logout"): [Call("POST", "/api/auth/logout", None, False)],
        ("POST", "/api/auth/login"): [],  # the login itself: tested below
    }


def registry_routes() -> set[tuple[str, str]]:
    """Return (method, path) of every route of the registry and accounts in the app."""
    found = set()
    for route in create_app(Limits()).routes:
        if isinstance(route, APIRoute) and route.path.startswith(("/api/registry", "/api/auth")):
            found |= {(method, route.path) for method in route.methods or ()}
    return found


def test_every_registry_route_is_in_the_security_table() -> None:
    table = set(calls(1, DISTRICT))
    missing = registry_routes() - table
    assert not missing, f"routes without security tests: {sorted(missing)}"


def _send(world: World, call: Call, headers: dict[str, str], office: str) -> Any:
    body: Any = None
    if call.batch:
        case = registrable()
        case["office"]["code"] = office
        return world.client.post(
            call.path,
            params=call.params,
            files={"file": ("book.csv", csv_book([case]), "text/csv")},
            headers=headers,
        )
    if call.body is not None:
        body = call.body
    elif call.action is Action.REGISTER:
        body = registrable()
        body["office"]["code"] = office
    elif call.method == "POST" and call.action is not None:
        body = {"reason": "проверка", "outcome": "satisfied"}
    return world.client.request(
        call.method, call.path, params=call.params, json=body, headers=headers
    )


def _matrix() -> list[Any]:
    cases = []
    for key, examples in calls(1, DISTRICT).items():
        for index, _ in enumerate(examples):
            for role in Role:
                for place in PLACES:
                    name = f"{key[0]} {key[1]} #{index} {role.value} {place}"
                    cases.append(pytest.param(key, index, role, place, id=name))
    return cases


PLACE_ACCOUNT = {"own": DISTRICT, "below": OBLAST, "other": OBLAST}


@pytest.mark.parametrize(("key", "index", "role", "place"), _matrix())
def test_route_role_place(
    world: World, key: tuple[str, str], index: int, role: Role, place: str
) -> None:
    act_id = world.other_act if place == "other" else world.district_act
    target_office = OTHER_DISTRICT if place == "other" else DISTRICT
    call = calls(act_id, target_office)[key][index]
    account_office = PLACE_ACCOUNT[place]
    response = _send(world, call, world.headers(account_office, role), target_office)
    assert response.status_code < 500, response.text
    if call.action is None:
        assert response.status_code == 200, response.text
        if key == ("GET", "/api/registry/acts"):
            ids = {act["id"] for act in response.json()["acts"]}
            assert world.other_act not in ids
            assert (world.district_act in ids) == (place != "other" or account_office == OBLAST)
        return
    if call.action is Action.EXPORT:
        want = expected(role, call.action, "own")
    elif call.action is Action.REGISTER and place == "other":
        want = "not_found"
    else:
        want = expected(role, call.action, place)
    status = response.status_code
    if call.batch:  # a batch answers 200; a row the account may not register is refused
        assert status == 200, response.text
        assert response.headers["x-docgen-ok"] == ("1" if want == "ok" else "0")
        return
    if want == "ok":
        assert status not in {401, 403, 404}, response.text
    else:
        assert status == {"forbidden": 403, "not_found": 404}[want], response.text
        assert response.json()["error"] in {"forbidden", "not_found"}


@pytest.mark.parametrize(
    ("key", "index"), [(k, i) for k, v in calls(1, DISTRICT).items() for i, _ in enumerate(v)]
)
def test_no_credentials_is_401(world: World, key: tuple[str, str], index: int) -> None:
    call = calls(world.district_act, DISTRICT)[key][index]
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic eDp5"}):
        response = _send(world, call, headers, DISTRICT)
        assert response.status_code == 401, (headers, response.text)
        assert response.headers["www-authenticate"] == "Bearer"


def test_a_disabled_accounts_token_is_401(world: World) -> None:
    world.registry.accounts.add("gone", office=DISTRICT, role="clerk", password=PASSWORD)
    token = world.registry.accounts.new_token("gone")
    headers = {"Authorization": f"Bearer {token}"}
    assert world.client.get("/api/registry/acts", headers=headers).status_code == 200
    world.registry.accounts.disable("gone")
    assert world.client.get("/api/registry/acts", headers=headers).status_code == 401
    outcomes = [r["outcome"] for r in world.registry.accounts.audit_log(limit=5)]
    assert "unauthenticated" in outcomes


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_in_every_filter_and_id(world: World, value: str) -> None:
    headers = world.headers(OBLAST, Role.PROSECUTOR)
    for name in ("type", "status", "office", "year", "page", "per_page", "format"):
        response = world.client.get("/api/registry/acts", params={name: value}, headers=headers)
        assert response.status_code in {200, 422}, (name, response.text)
        if response.status_code == 200 and name != "format":
            assert response.json()["acts"] == [], name
    for path in (
        f"/api/registry/acts/{value}",
        f"/api/registry/acts/{value}/document",
        f"/api/registry/journal/{value}",
    ):
        response = world.client.get(path, params={"year": "2025"}, headers=headers)
        assert response.status_code in {404, 405, 422}, (path, response.text)
    response = world.client.post(
        f"/api/registry/acts/{world.district_act}/{value}", json={}, headers=headers
    )
    assert response.status_code in {404, 405, 422}, response.text
    for path, body in (
        (f"/api/registry/notifications/{value}/close", {"year": 2025, "reason": "законны"}),
        (f"/api/registry/notifications/{value}/reopen", {"year": 2025, "reason": "ошибка"}),
        ("/api/registry/notifications/1/close", {"year": 2025, "reason": value}),
        ("/api/registry/notifications/1/close", {"year": value, "reason": "законны"}),
        ("/api/registry/notifications/1/close", {"year": 2025, "reason": "-", "office": value}),
    ):
        response = world.client.post(path, json=body, headers=headers)
        assert response.status_code in {404, 405, 422}, (path, body, response.text)
    for params in (
        {"within": value},
        {"today": value},
    ):
        response = world.client.get("/api/registry/due", params=params, headers=headers)
        assert response.status_code == 422, response.text
    response = world.client.get(
        "/api/registry/journal/acts", params={"year": "2025", "office": value}, headers=headers
    )
    assert response.status_code == 404, response.text
    response = world.client.get(
        "/api/registry/export", params={"from": value, "to": value}, headers=headers
    )
    assert response.status_code == 422, response.text
    assert world.registry.act(world.district_act).summary.id == world.district_act


def _login(world: World, login: str, password: str = PASSWORD, address: str = "") -> Any:
    return world.client.post("/api/auth/login", json={"login": login, "password": password})


def test_cookie_session_and_csrf(world: World) -> None:
    world.registry.accounts.add("paper", office=DISTRICT, role="clerk", password=PASSWORD)
    client = TestClient(world.client.app, base_url="https://testserver")
    response = client.post("/api/auth/login", json={"login": "paper", "password": PASSWORD})
    assert response.status_code == 200, response.text
    cookie = response.headers["set-cookie"]
    assert f"{SESSION_COOKIE}=" in cookie
    for flag in ("Secure", "HttpOnly", "SameSite=strict"):
        assert flag.lower() in cookie.lower()
    csrf = response.json()["csrf"]
    assert client.get("/api/registry/acts").status_code == 200
    case = registrable()
    refused = client.post("/api/acts/predpisanie/render", params={"register": "true"}, json=case)
    assert refused.status_code == 403
    assert refused.json()["error"] == "csrf"
    wrong = client.post(
        "/api/acts/predpisanie/render",
        params={"register": "true"},
        json=case,
        headers={CSRF_HEADER: "x" * 43},
    )
    assert wrong.status_code == 403
    made = client.post(
        "/api/acts/predpisanie/render",
        params={"register": "true"},
        json=case,
        headers={CSRF_HEADER: csrf},
    )
    assert made.status_code == 200, made.text
    act_id = int(made.headers["x-docgen-registry-id"])
    history = client.get(f"/api/registry/acts/{act_id}").json()
    assert history["registered_by"] == "paper"
    assert history["events"][0]["kind"] == "registered"
    delivered = client.post(
        f"/api/registry/acts/{act_id}/deliver", json={}, headers={CSRF_HEADER: csrf}
    )
    assert delivered.status_code == 200, delivered.text
    assert delivered.json()["by"] == "paper"
    assert client.post("/api/auth/logout", headers={CSRF_HEADER: csrf}).status_code == 200
    assert client.get("/api/registry/acts").status_code == 401


def test_the_prosecutor_of_the_office_extends_an_inspection(world: World) -> None:
    inspection = world.registry.register("proverka", registrable("proverka")).id  # the oblast's
    path = f"/api/registry/acts/{inspection}/extend"
    body = {"until": "2025-05-15", "reason": "согласие прокурора области", "date": "2025-04-10"}
    clerk = world.client.post(path, json=body, headers=world.headers(OBLAST, Role.CLERK))
    assert clerk.status_code == 403, clerk.text
    prosecutor = world.headers(OBLAST, Role.PROSECUTOR)
    missing = world.client.post(path, json={"reason": "согласие"}, headers=prosecutor)
    assert missing.status_code == 409
    assert "until" in missing.json()["message"]
    done = world.client.post(path, json=body, headers=prosecutor)
    assert done.status_code == 200, done.text
    assert (done.json()["kind"], done.json()["until"]) == ("extended", "2025-05-15")
    assert done.json()["by"] == f"prosecutor.{OBLAST}"
    earlier = world.client.post(path, json={**body, "until": "2025-05-01"}, headers=prosecutor)
    assert earlier.status_code == 409
    due = {i.act_id: i.due for i in world.registry.due(today=dt.date(2025, 5, 16))}
    assert due[inspection] == dt.date(2025, 5, 15)


def test_the_prosecutor_of_the_office_closes_a_notification(world: World) -> None:
    received = dt.datetime(2025, 3, 15, 9, 0)
    number = world.registry.add_notification(
        OBLAST, received_at=received, body="ДП", measure="арест"
    )
    other = world.registry.add_notification(
        OTHER_DISTRICT, received_at=received, body="ДП", measure="арест"
    )
    path = f"/api/registry/notifications/{number}/close"
    body = {"year": 2025, "reason": "меры законны", "date": "2025-03-16"}
    prosecutor = world.headers(OBLAST, Role.PROSECUTOR)
    clerk = world.client.post(path, json=body, headers=world.headers(OBLAST, Role.CLERK))
    assert clerk.status_code == 403, clerk.text
    elsewhere = world.client.post(
        f"/api/registry/notifications/{other}/close",
        json={**body, "office": OTHER_DISTRICT},
        headers=prosecutor,
    )
    assert elsewhere.status_code == 404, elsewhere.text
    for bad in (
        {"year": 2025},
        {**body, "reason": ""},
        {**body, "year": "last"},
        {**body, "date": "16.03.2025"},
        {**body, "reason": "   "},
        {**body, "date": "2025-03-14"},
    ):
        refused = world.client.post(path, json=bad, headers=prosecutor)
        assert refused.status_code in {400, 422}, (bad, refused.text)
    bad_number = world.client.post(
        "/api/registry/notifications/0/close", json=body, headers=prosecutor
    )
    assert bad_number.status_code == 422
    journal = "/api/registry/journal/notifications"
    query = {"year": "2025", "office": OBLAST}

    def ended(lang: str) -> str:
        got = world.client.get(journal, params={**query, "lang": lang}, headers=prosecutor)
        assert got.status_code == 200, got.text
        (row,) = [row for row in got.json()["rows"] if row[0] == str(number)]
        return str(row[-2])

    assert ended("ru").startswith("открыто")
    done = world.client.post(path, json=body, headers=prosecutor)
    assert done.status_code == 200, done.text
    assert done.json() == {
        "office": OBLAST,
        "year": 2025,
        "number": number,
        "closed_on": "2025-03-16",
        "reason": "меры законны",
    }
    assert ended("ru") == "закрыто 16.03.2025 после проверки (п. 20): меры законны"
    assert ended("kk") == "тексеруден кейін 16.03.2025 жабылды (20-тармақ): меры законны"
    again = world.client.post(path, json=body, headers=prosecutor)
    assert again.status_code == 422
    assert "16.03.2025" in again.json()["message"]
    due = {(i.office, i.number) for i in world.registry.due(today=dt.date(2025, 3, 20))}
    assert (OBLAST, f"{number}/2025") not in due
    assert (OTHER_DISTRICT, f"{other}/2025") in due


def test_the_prosecutor_of_the_office_reopens_a_notification_closed_by_mistake(
    world: World,
) -> None:
    received = dt.datetime(2025, 3, 15, 9, 0)
    number = world.registry.add_notification(
        OBLAST, received_at=received, body="ДП", measure="арест"
    )
    other = world.registry.add_notification(
        OTHER_DISTRICT, received_at=received, body="ДП", measure="арест"
    )
    for office, entry in ((OBLAST, number), (OTHER_DISTRICT, other)):
        world.registry.close_notification(
            office, entry, year=2025, reason="меры законны", date=dt.date(2025, 3, 16)
        )
    path = f"/api/registry/notifications/{number}/reopen"
    body = {"year": 2025, "reason": "закрыто не то уведомление", "date": "2025-03-17"}
    prosecutor = world.headers(OBLAST, Role.PROSECUTOR)
    clerk = world.client.post(path, json=body, headers=world.headers(OBLAST, Role.CLERK))
    assert clerk.status_code == 403, clerk.text
    elsewhere = world.client.post(
        f"/api/registry/notifications/{other}/reopen",
        json={**body, "office": OTHER_DISTRICT},
        headers=prosecutor,
    )
    assert elsewhere.status_code == 404, elsewhere.text
    for bad in ({"year": 2025}, {**body, "reason": "   "}, {**body, "date": "2025-03-15"}):
        refused = world.client.post(path, json=bad, headers=prosecutor)
        assert refused.status_code in {400, 422}, (bad, refused.text)

    done = world.client.post(path, json=body, headers=prosecutor)

    assert done.status_code == 200, done.text
    assert done.json() == {
        "office": OBLAST,
        "year": 2025,
        "number": number,
        "reopened_on": "2025-03-17",
        "reason": "закрыто не то уведомление",
    }
    journal = world.client.get(
        "/api/registry/journal/notifications",
        params={"year": "2025", "office": OBLAST},
        headers=prosecutor,
    )
    (row,) = [row for row in journal.json()["rows"] if row[0] == str(number)]
    assert row[-2].endswith(
        "закрытие от 16.03.2025 (меры законны) отменено 17.03.2025 как ошибочное: "
        "закрыто не то уведомление"
    )
    again = world.client.post(path, json=body, headers=prosecutor)
    assert again.status_code == 422
    assert "не закрыто" in again.json()["message"]
    due = {(i.office, i.number) for i in world.registry.due(today=dt.date(2025, 3, 20))}
    assert (OBLAST, f"{number}/2025") in due
    assert (OTHER_DISTRICT, f"{other}/2025") not in due


def test_brute_force_on_the_login_is_slowed(world: World) -> None:
    world.registry.accounts.add("target", office=DISTRICT, role="clerk", password=PASSWORD)
    for attempt in range(MAX_FAILURES_PER_LOGIN):
        assert _login(world, "target", f"guess {attempt}").status_code == 401
    locked = _login(world, "target")
    assert locked.status_code == 429
    assert locked.json()["error"] == "too_many_logins"


def test_a_batch_registers_each_row_as_the_account_may(world: World) -> None:
    import csv
    import io
    import zipfile

    own = registrable()
    del own["office"]["code"]  # a row naming no office: the account's
    foreign = registrable()
    foreign["office"]["code"] = OTHER_DISTRICT
    response = world.client.post(
        "/api/acts/predpisanie/batch",
        params={"register": "true"},
        files={"file": ("rows.csv", csv_book([own, foreign]), "text/csv")},
        headers=world.headers(DISTRICT, Role.CLERK),
    )
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = archive.read("report_ru.csv").decode("utf-8-sig")
    report = list(csv.DictReader(io.StringIO(text)))
    assert [row["status"] for row in report] == ["ok", "refused"]
    assert report[0]["number"].startswith(f"{DISTRICT}-")
    assert world.registry.act(int(report[0]["registry_id"])).summary.registered_by == (
        f"clerk.{DISTRICT}"
    )


def test_done_when(world: World, tmp_path: Path) -> None:
    """The oblast prosecutor cancels a district act under p. 19; the district clerk cannot
    see the other branch's act by guessing its id; refusals are in the audit."""
    clerk = world.headers(DISTRICT, Role.CLERK)
    assert (
        world.client.get(f"/api/registry/acts/{world.other_act}", headers=clerk).status_code == 404
    )
    made = world.client.post(
        "/api/acts/predpisanie/render",
        params={"register": "true"},
        json=registrable(),
        headers=clerk,
    )
    assert made.status_code == 200, made.text
    act_id = int(made.headers["x-docgen-registry-id"])
    # The third act of its template: stored as its own bytes and the parts it shares.
    stored = world.client.get(f"/api/registry/acts/{act_id}/document", headers=clerk)
    assert stored.status_code == 200, stored.text
    assert stored.content == made.content
    boss = world.headers(OBLAST, Role.PROSECUTOR)
    cancelled = world.client.post(
        f"/api/registry/acts/{act_id}/cancel", json={"reason": "незаконно"}, headers=boss
    )
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["by_office"] == OBLAST
    audit = world.registry.accounts.audit_log(limit=500)
    assert any(r["login"] == f"clerk.{DISTRICT}" and r["outcome"] == "not_found" for r in audit)


def test_rendering_needs_a_login_when_the_setting_says_so(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = world.registry.url
    case = registrable()
    with TestClient(create_app(Limits(), registry_url=url)) as open_app:
        assert open_app.post("/api/acts/predpisanie/render", json=case).status_code == 200
    monkeypatch.setenv("DOCGEN_RENDER_LOGIN", "1")
    with TestClient(create_app(Limits(), registry_url=url)) as closed:
        assert closed.post("/api/acts/predpisanie/render", json=case).status_code == 401
        book = {"file": ("b.csv", csv_book([case]), "text/csv")}
        assert closed.post("/api/acts/predpisanie/batch", files=book).status_code == 401
        allowed = closed.post(
            "/api/acts/predpisanie/render", json=case, headers=world.headers(DISTRICT, Role.CLERK)
        )
    assert allowed.status_code == 200
    assert "x-docgen-registry-id" not in allowed.headers  # rendered, not registered


def test_the_cookie_secure_flag_can_be_dropped_behind_a_tls_proxy(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.registry.accounts.add("proxied", office=DISTRICT, role="clerk", password=PASSWORD)
    monkeypatch.setenv("DOCGEN_COOKIE_SECURE", "0")
    with TestClient(create_app(Limits(), registry_url=world.registry.url)) as client:
        response = client.post("/api/auth/login", json={"login": "proxied", "password": PASSWORD})
    assert response.status_code == 200
    cookie = response.headers["set-cookie"].lower()
    assert "secure" not in cookie
    assert "httponly" in cookie
