"""Accounts and signing in, on a real database file: wrong passwords are refused, hashes are salted scrypt
that do not contain the password, and the clerk cannot do what belongs to the head."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ward_office.core.access import AccessDeniedError, Account, Role
from ward_office.core.errors import WardOfficeError
from ward_office.services import accounts, plans
from ward_office.services.accounts import SignInError, SignInWaitError
from ward_office.services.command_sign_in import cli_sign_in
from ward_office.services.demo import DEMO_PASSWORD, build_demo
from ward_office.services.sign_in_waits import SignInWaits, wait_after
from ward_office.services.ward import Ward
from ward_office.storage import Store

PASSWORD = "mật-khẩu-bí-mật-2026"
CLERK_PASSWORD = "vanthu-7788"


@pytest.fixture
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests about rules, not cost: hash with small parameters so the suite stays fast."""
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def no_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests about other rules than the wait after wrong passwords: the window's waits are always over."""
    ticks = iter(range(0, 10**9, 100))
    monkeypatch.setattr(accounts, "WINDOW_WAITS", SignInWaits(clock=lambda: float(next(ticks))))


@pytest.fixture
def ward(tmp_path: Path, cheap_hashes: None) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor="ward-office") as opened:
        yield opened


@pytest.fixture
def head(ward: Ward) -> Account:
    return accounts.create_head(ward, "truong", "Trần Văn Bình", PASSWORD)


@pytest.fixture
def clerk(ward: Ward, head: Account) -> Account:
    return accounts.add_account(ward, "vanthu", "Lê Thị Mai", Role.CLERK, CLERK_PASSWORD)


def log_size(ward: Ward) -> int:
    return len(ward.store.change_log.list())


# ---- Hashes ----


def test_hash_is_salted_scrypt_with_its_parameters_in_the_string() -> None:
    first, second = accounts.hash_password("123456"), accounts.hash_password("123456")
    assert first != second  # a fresh salt every time
    for text in (first, second):
        assert text.startswith("scrypt$") and "123456" not in text
        parsed = accounts.parse_hash(text)
        assert (parsed.n, parsed.r, parsed.p) == (2**16, 8, 1)  # the real cost, not the tests' cheap one
        assert len(parsed.salt) == 16 and len(parsed.key) == 32
        assert parsed.key == hashlib.scrypt(b"123456", salt=parsed.salt, n=parsed.n, r=parsed.r, p=parsed.p,
                                            dklen=32, maxmem=1 << 27)
    assert accounts.verify_password("123456", first)
    assert not accounts.verify_password("1234567", first)
    assert not accounts.verify_password("", first)


def test_hashing_is_never_cheap() -> None:
    """A guessed password costs an attacker at least this much per try (a busy machine only makes it slower)."""
    started = time.perf_counter()
    accounts.hash_password("123456")
    assert time.perf_counter() - started > 0.01


def test_parameters_are_read_back_so_they_can_grow(cheap_hashes: None) -> None:
    old = accounts.hash_password("123456", n=2**8, r=4)
    parsed = accounts.parse_hash(old)
    assert (parsed.n, parsed.r, parsed.p) == (2**8, 4, 1)
    assert accounts.verify_password("123456", old)
    assert accounts.needs_rehash(old)
    assert not accounts.needs_rehash(accounts.hash_password("123456"))


@pytest.mark.parametrize("damaged", ["scrypt$", "scrypt$abc$8$1$c2FsdA==$a2V5", "scrypt$1000$8$1$c2FsdA==$a2V5",
                                     "scrypt$16$8$1$***$a2V5", "scrypt$1073741824$8$1$c2FsdA==$a2V5"])
def test_a_damaged_hash_is_refused_not_crashed_on(damaged: str) -> None:
    with pytest.raises(SignInError):
        accounts.verify_password("123456", damaged)


# ---- First run and signing in ----


def test_first_run_creates_the_head_and_signs_in(ward: Ward) -> None:
    assert not accounts.has_accounts(ward) and ward.account is None
    with pytest.raises(WardOfficeError, match="at least 8"):
        accounts.create_head(ward, "truong", "Trần Văn Bình", "12345")
    with pytest.raises(WardOfficeError):
        accounts.create_head(ward, "trưởng phòng", "Trần Văn Bình", PASSWORD)
    with pytest.raises(WardOfficeError):
        accounts.create_head(ward, "truong", "   ", PASSWORD)
    assert not accounts.has_accounts(ward) and log_size(ward) == log_size(ward)
    head = accounts.create_head(ward, " truong ", " Trần  Văn Bình ", PASSWORD)
    assert head.role is Role.HEAD and head.username == "truong" and head.full_name == "Trần Văn Bình"
    assert ward.account == head and ward.actor == "Trần Văn Bình"
    with pytest.raises(WardOfficeError, match="already has accounts"):
        accounts.create_head(ward, "khac", "Người khác", PASSWORD)
    assert [account.username for account in accounts.list_accounts(ward)] == ["truong"]


def test_sign_in_refuses_wrong_passwords_and_names_alike(ward: Ward, head: Account, clerk: Account) -> None:
    ward.account, ward.actor = None, "ward-office"
    messages = []
    for username, password in (("truong", "sai-mat-khau"), ("khongco", PASSWORD), ("truong", ""),
                               ("vanthu", PASSWORD)):
        with pytest.raises(SignInError) as refused:
            accounts.sign_in(ward, username, password)
        messages.append(refused.value.localized())
    assert len(set(messages)) == 1
    assert ward.account is None and ward.actor == "ward-office"
    signed = accounts.sign_in(ward, " VANTHU ", CLERK_PASSWORD)
    assert signed == clerk and ward.account == clerk and ward.actor == "Lê Thị Mai"


def test_the_message_is_vietnamese(ward: Ward, head: Account, vietnamese: None) -> None:
    with pytest.raises(SignInError) as refused:
        accounts.sign_in(ward, "truong", "sai-mat-khau")
    assert refused.value.localized() != refused.value.message
    assert "mật khẩu" in refused.value.localized().lower()
    with pytest.raises(WardOfficeError) as short:
        accounts.check_password_rules("123")
    assert "8" in short.value.localized() and short.value.localized() != str(short.value)


def test_an_inactive_account_cannot_sign_in(ward: Ward, head: Account, clerk: Account) -> None:
    accounts.set_active(ward, clerk.id, False)
    with pytest.raises(SignInError, match="deactivated"):
        accounts.sign_in(ward, "vanthu", CLERK_PASSWORD)
    assert ward.account == head
    accounts.set_active(ward, clerk.id, True)
    assert accounts.sign_in(ward, "vanthu", CLERK_PASSWORD) == clerk


def test_a_weak_old_hash_is_replaced_at_sign_in(ward: Ward, head: Account) -> None:
    ward.store.accounts.set_password_hash(head.id, accounts.hash_password(PASSWORD, n=2**8), "test")
    accounts.sign_in(ward, "truong", PASSWORD)
    stored = ward.store.accounts.credentials("truong")[1]
    assert accounts.parse_hash(stored).n == accounts.SCRYPT_N
    assert accounts.sign_in(ward, "truong", PASSWORD) == head


def test_the_password_is_nowhere_in_the_file_or_the_log(ward: Ward, head: Account, clerk: Account) -> None:
    accounts.reset_password(ward, clerk.id, "mat-khau-moi-99")
    accounts.change_own_password(ward, PASSWORD, "truong-moi-2027")
    ward.close()
    data = Path(ward.path).read_bytes()
    for secret in (PASSWORD, CLERK_PASSWORD, "mat-khau-moi-99", "truong-moi-2027"):
        assert secret.encode("utf-8") not in data
    with Store.open(ward.path) as store:
        lines = store.change_log.list("account")
        assert len(lines) == 4
        assert all("scrypt" not in str(line.detail) for line in lines)
        assert [line.actor for line in lines] == ["Trần Văn Bình"] * 4


# ---- What the head manages ----


def test_the_clerk_may_not_manage_accounts(ward: Ward, head: Account, clerk: Account) -> None:
    accounts.sign_in(ward, "vanthu", CLERK_PASSWORD)
    before = log_size(ward)
    for attempt in (lambda: accounts.add_account(ward, "moi", "Người mới", Role.CLERK, "abcdef"),
                    lambda: accounts.reset_password(ward, head.id, "abcdef"),
                    lambda: accounts.set_active(ward, head.id, False),
                    lambda: accounts.set_role(ward, clerk.id, Role.HEAD)):
        with pytest.raises(AccessDeniedError):
            attempt()
    assert log_size(ward) == before
    assert accounts.sign_in(ward, "truong", PASSWORD) == head


def test_the_clerk_may_not_adopt_a_plan(ward: Ward, head: Account, clerk: Account, tmp_path: Path,
                                        vietnamese: None) -> None:
    accounts.sign_in(ward, "vanthu", CLERK_PASSWORD)
    versions = ward.store.plans.list()
    with pytest.raises(AccessDeniedError) as refused:
        plans.adopt_new_version(ward, versions[0].code, plans.PlanChanges(effective_from=date(2030, 1, 1)))
    assert "lãnh đạo" in refused.value.localized().lower() and "Lê Thị Mai" in refused.value.localized()
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(versions[0].body, encoding="utf-8")
    with pytest.raises(AccessDeniedError):
        plans.import_plan_file(ward, plan_file)
    assert ward.store.plans.list() == versions
    accounts.sign_in(ward, "truong", PASSWORD)
    adopted = plans.adopt_new_version(ward, versions[0].code, plans.PlanChanges(effective_from=date(2030, 1, 1)))
    assert adopted.adopted_by == "Trần Văn Bình"


def test_the_last_active_head_stays(ward: Ward, head: Account, clerk: Account) -> None:
    with pytest.raises(WardOfficeError, match="signed in with"):
        accounts.set_active(ward, head.id, False)
    with pytest.raises(WardOfficeError, match="only active head"):
        accounts.set_role(ward, head.id, Role.CLERK)
    ward.account = None  # a book opened without signing in (tests, the command line): still refused
    with pytest.raises(WardOfficeError, match="only active head"):
        accounts.set_active(ward, head.id, False)
    assert ward.store.accounts.get(head.id).active
    accounts.sign_in(ward, "truong", PASSWORD)
    second = accounts.add_account(ward, "phochutich", "Phạm Thị Hoa", Role.HEAD, "hoa-123456")
    accounts.sign_in(ward, "phochutich", "hoa-123456")
    assert not accounts.set_active(ward, head.id, False).active
    with pytest.raises(WardOfficeError, match="signed in with"):
        accounts.set_active(ward, second.id, False)
    assert accounts.set_role(ward, clerk.id, Role.HEAD).role is Role.HEAD
    assert ward.store.accounts.count(active_only=True, role=Role.HEAD) == 2


def test_reset_and_change_own_password(ward: Ward, head: Account, clerk: Account) -> None:
    with pytest.raises(WardOfficeError):
        accounts.reset_password(ward, clerk.id, "12")
    accounts.reset_password(ward, clerk.id, "moi-123456")
    with pytest.raises(SignInError):
        accounts.sign_in(ward, "vanthu", CLERK_PASSWORD)
    accounts.sign_in(ward, "vanthu", "moi-123456")
    with pytest.raises(SignInError):
        accounts.change_own_password(ward, "sai-cu", "khac-123456")
    with pytest.raises(WardOfficeError):
        accounts.change_own_password(ward, "moi-123456", "ngan")
    accounts.change_own_password(ward, "moi-123456", "khac-123456")
    assert accounts.sign_in(ward, "vanthu", "khac-123456") == clerk
    ward.account = None
    with pytest.raises(WardOfficeError):
        accounts.change_own_password(ward, "khac-123456", "lai-123456")


def test_duplicate_user_names_are_refused(ward: Ward, head: Account) -> None:
    with pytest.raises(WardOfficeError):
        accounts.add_account(ward, "TRUONG", "Người khác", Role.CLERK, "abcdef-123")


# ---- The command line ----


def test_cli_sign_in(ward: Ward, tmp_path: Path) -> None:
    waits = SignInWaits(tmp_path / "waits.json", clock=Clock())
    assert cli_sign_in(ward, None, waits=waits) is None  # no accounts yet: nothing to check
    head = accounts.create_head(ward, "truong", "Trần Văn Bình", PASSWORD)
    ward.account = None
    with pytest.raises(SignInError, match="--user"):
        cli_sign_in(ward, None, waits=waits)
    asked = []
    assert cli_sign_in(ward, "truong", environ={}, ask=lambda prompt: asked.append(prompt) or PASSWORD,
                       waits=waits) == head
    assert len(asked) == 1 and ward.account == head and ward.actor == "Trần Văn Bình"
    ward.account = None
    with pytest.raises(SignInError):
        cli_sign_in(ward, "truong", environ={"WARD_OFFICE_PASSWORD": "sai"}, ask=pytest.fail, waits=waits)
    assert ward.account is None


# ---- Password rules and the wait after wrong passwords ----


@pytest.mark.parametrize(("password", "words"), [
    ("1234567", "ít nhất 8 ký tự"), ("        ", "chỉ gồm dấu cách"), ("zzzzzzzzzz", "cùng một ký tự"),
    ("Truong-Ban", "trùng với tên đăng nhập"), ("iloveyou", "quá phổ biến"), ("QWERTYUIOP", "quá phổ biến"),
    ("matkhau123", "quá phổ biến"),
])
def test_each_password_rule_says_what_is_wrong(password: str, words: str, vietnamese: None) -> None:
    with pytest.raises(WardOfficeError) as refused:
        accounts.check_password_rules(password, "truong-ban")
    assert words in refused.value.localized().lower()


def test_the_common_passwords_are_shipped_and_lower_case() -> None:
    common = accounts.common_passwords()
    assert len(common) > 200 and {"password", "12345678", "iloveyou"} <= common
    assert all(word == word.casefold() and len(word) >= 8 for word in common)
    accounts.check_password_rules("Phuong-Tan-An-2026", "truong")


def test_each_wrong_password_doubles_the_wait_and_a_success_ends_it(ward: Ward, head: Account,
                                                                   vietnamese: None) -> None:
    assert [wait_after(count) for count in range(1, 9)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    clock = Clock()
    waits = SignInWaits(clock=clock)
    with pytest.raises(SignInError):
        accounts.sign_in(ward, "truong", "sai-lan-1", waits=waits)
    assert waits.seconds_left(ward.path, "TRUONG") == 0.5  # per user name, whatever its case
    with pytest.raises(SignInWaitError) as waiting:  # the right password is not even looked at yet
        accounts.sign_in(ward, "truong", PASSWORD, waits=waits)
    assert "thử lại sau 1 giây" in waiting.value.localized()
    clock.now += 0.5
    with pytest.raises(SignInError):
        accounts.sign_in(ward, "truong", "sai-lan-2", waits=waits)
    assert waits.seconds_left(ward.path, "truong") == 1.0
    assert waits.seconds_left(ward.path, "vanthu") == 0  # another user name is not held up
    clock.now += 1.0
    assert accounts.sign_in(ward, "truong", PASSWORD, waits=waits) == head
    assert waits.seconds_left(ward.path, "truong") == 0
    with pytest.raises(SignInError):
        accounts.sign_in(ward, "truong", "sai-lan-3", waits=waits)
    assert waits.seconds_left(ward.path, "truong") == 0.5  # counted afresh after the success


def test_the_command_line_keeps_the_wait_in_a_file_between_commands(tmp_path: Path) -> None:
    clock = Clock()
    book = tmp_path / "so.db"
    first = SignInWaits(tmp_path / "waits.json", clock=clock)
    first.failed(book, "truong")
    first.failed(book, "truong")
    second = SignInWaits(tmp_path / "waits.json", clock=clock)  # the next command, another process
    assert second.seconds_left(book, "truong") == 1.0
    clock.now += 3600
    assert second.seconds_left(book, "truong") == 0  # an hour later the failures are forgotten
    (tmp_path / "waits.json").write_text("not json", encoding="utf-8")
    assert second.seconds_left(book, "truong") == 0  # a spoilt file is no reason to refuse


def test_a_session_of_its_own_writes_only_as_a_signed_account(ward: Ward, head: Account, clerk: Account) -> None:
    with Ward.open(ward.path) as nobody, pytest.raises(SignInError):
        nobody.require(accounts.Permission.RECORD, signed_in=True)
    with Ward.open(ward.path, account=clerk) as own:  # a background job's or a command's session
        assert own.actor == "Lê Thị Mai"
        own.require(accounts.Permission.RECORD, signed_in=True)
        with pytest.raises(AccessDeniedError):
            own.require(accounts.Permission.LOCK_PERIOD)
    accounts.set_active(ward, clerk.id, False)
    with pytest.raises(SignInError, match="deactivated"):
        Ward.open(ward.path, account=clerk)


# ---- The demo ----


def test_the_demo_book_has_a_head_and_a_clerk(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    build_demo(path, staff=3, months=1, seed=1, until=date(2026, 11, 20))
    with Ward.open(path) as ward:
        assert accounts.is_demo_book(ward)
        head = accounts.sign_in(ward, "truong", DEMO_PASSWORD)
        clerk = accounts.sign_in(ward, "vanthu", DEMO_PASSWORD)
        assert (head.role, clerk.role) == (Role.HEAD, Role.CLERK)


def test_a_real_book_is_not_the_demo(ward: Ward, head: Account) -> None:
    assert not accounts.is_demo_book(ward)
