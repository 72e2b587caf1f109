"""Optional login for a shared deployment: users, roles, salted password hashes in one file.

The credentials file (`DXQA_AUTH_FILE`) has one user per line, written by `dxqa user add`:

    tanaka:admin:pbkdf2_sha256$200000$<salt hex>$<hash hex>
    suzuki:staff:pbkdf2_sha256$200000$…

Passwords are never stored or hard-coded, only PBKDF2-SHA256 hashes (Python's hashlib, no
extra package). `admin` may add documents and re-index from the UI; `staff` may ask. With
no credentials file there is no login, and admin actions are allowed only while the UI
listens on loopback (one person's own PC).

Guessing is slowed down: after a few failed attempts for one user name or from one address,
each further attempt must wait (doubling, up to 5 minutes). A check costs the same whether
or not the user exists (an unknown name is checked against a dummy hash), runs in its own
thread so answering is not held up, and reads the file again when it changed, so a new
password or a removed user takes effect without a restart.
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import os
import secrets
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from core.errors import ConfigError

ROLES = ("admin", "staff")
ITERATIONS = 200_000
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str


def hash_password(password: str, iterations: int = ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        computed = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return scheme == "pbkdf2_sha256" and hmac.compare_digest(computed.hex(), digest)


def _read_users(path: Path) -> dict[str, User]:
    users = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.strip().split(":")
        if len(parts) != 3 or parts[1] not in ROLES:
            raise ConfigError(
                f"利用者ファイル {path} の {number} 行目が読めません（名前:admin または staff:ハッシュ の形式です）。",
                f"{path}:{number}: expected name:role:hash with role in {ROLES}.",
            )
        users[parts[0]] = User(*parts)
    return users


# The address of the HTTP request being handled, set by ClientAddress (Gradio's login hook gets only name and password).
client_address: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="")


class ClientAddress:
    """ASGI middleware: makes each request's client address visible to the login check (for per-address back-off)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            client_address.set((scope.get("client") or ("", 0))[0])
        await self.app(scope, receive, send)


class Users:
    """The users of one credentials file; `check` is what Gradio's login calls.

    The file is read again whenever it changes (mtime, size, inode), so `dxqa user add` or
    deleting a line takes effect at the next login or admin action.
    """

    def __init__(self, users: dict[str, User], path: Path | None = None) -> None:
        self._users = users
        self._path = path
        self._stamp = _stamp(path) if path else None
        self._lock = threading.Lock()
        self.throttle = Throttle()
        self._limit = None  # one password hash at a time, in its own thread (created on first use)

    @classmethod
    def load(cls, path: Path) -> Users:
        if not path.is_file():
            raise ConfigError(
                f"ログイン用の利用者ファイル {path} がありません。`dxqa user add 名前 --admin` で作成してください。",
                f"Credentials file {path} does not exist; create it with `dxqa user add NAME --admin`.",
            )
        return cls(_read_users(path), path)

    def _current(self) -> dict[str, User]:
        """The users as the file says now; a file made unreadable keeps the last good list (and says so)."""
        if self._path is None:
            return self._users
        stamp = _stamp(self._path)
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    try:
                        self._users = _read_users(self._path) if stamp else {}
                    except (ConfigError, OSError, UnicodeDecodeError) as exc:
                        print(f"利用者ファイルを読み直せません。前の内容を使います: {exc}", file=sys.stderr)
                    self._stamp = stamp
        return self._users

    def verify(self, name: str, password: str) -> bool:
        """Whether name and password match; as slow for an unknown name as for a known one."""
        user = self._current().get(name)
        matched = verify_password(password, user.password_hash if user else _dummy_hash())
        return user is not None and matched

    async def check(self, name: str, password: str) -> bool:
        """Gradio's login hook: back-off first, then the hash in a worker thread (the event loop stays free)."""
        import anyio
        from fastapi import HTTPException

        address = client_address.get()
        wait = self.throttle.retry_after(name, address)
        if wait > 0:
            raise HTTPException(
                status_code=429,
                headers={"Retry-After": str(int(wait) + 1)},
                detail=f"ログインの失敗が続いたため、{int(wait) + 1} 秒後までログインできません。(Too many failed "
                f"logins; retry in {int(wait) + 1} s.)",
            )
        if self._limit is None:
            self._limit = anyio.CapacityLimiter(1)
        ok = await anyio.to_thread.run_sync(self.verify, name, password, limiter=self._limit)
        self.throttle.record(name, address, ok)
        return ok

    def is_admin(self, name: str | None) -> bool:
        user = self._current().get(name or "")
        return user is not None and user.role == "admin"


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    """A hash of a random password, checked when the user is unknown so that timing does not tell."""
    if not _DUMMY:
        _DUMMY.append(hash_password(secrets.token_urlsafe(16)))
    return _DUMMY[0]


class Throttle:
    """Back-off after failed logins, per user name and per client address.

    The first FREE attempts are free; after that each further attempt must wait
    2**(failures - FREE) seconds after the last failure, at most MAX_WAIT. A success clears
    the user's and the address's count. An address gets more free attempts (an office
    behind one NAT address shares it).
    """

    FREE = {"user": 5, "address": 20}
    MAX_WAIT = 300.0
    FORGET_AFTER = 3600.0
    MAX_KEYS = 10_000

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, name: str, address: str) -> float:
        """Seconds until another attempt for this name or from this address is allowed (0 = now)."""
        now = self._clock()
        with self._lock:
            return max(self._wait(key, now) for key in self._keys(name, address))

    def record(self, name: str, address: str, ok: bool) -> None:
        now = self._clock()
        with self._lock:
            for key in self._keys(name, address):
                if ok:
                    self._failures.pop(key, None)
                    continue
                count, last = self._failures.pop(key, (0, now))
                if now - last > self.FORGET_AFTER:
                    count = 0
                self._failures[key] = (count + 1, now)
            while len(self._failures) > self.MAX_KEYS:
                self._failures.popitem(last=False)

    def _keys(self, name: str, address: str) -> list[tuple[str, str]]:
        return [("user", name)] + ([("address", address)] if address else [])

    def _wait(self, key: tuple[str, str], now: float) -> float:
        count, last = self._failures.get(key, (0, now))
        over = count - self.FREE[key[0]]
        if over < 0 or now - last > self.FORGET_AFTER:
            return 0.0
        return max(0.0, min(2.0**over, self.MAX_WAIT) - (now - last))


def add_user(path: Path, name: str, password: str, role: str) -> None:
    """Add or replace one user; the file is rewritten atomically and readable by its owner only."""
    if not name or ":" in name or not name.isprintable():
        raise ConfigError("利用者名に「:」や制御文字は使えません。", f"Invalid user name {name!r}.")
    if role not in ROLES:
        raise ConfigError(f"役割は {' / '.join(ROLES)} のどちらかです。", f"Unknown role {role!r}; valid: {ROLES}")
    if len(password) < 8:
        raise ConfigError("パスワードは8文字以上にしてください。", "Password must have at least 8 characters.")
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    kept = [line for line in lines if line.split(":", 1)[0] != name]
    kept.append(f"{name}:{role}:{hash_password(password)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text("\n".join(kept) + "\n", encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def may_administer(users: Users | None, name: str | None, host: str) -> bool:
    """Admin actions: an admin when login is on; otherwise only on a loopback-only UI."""
    if users is None:
        return host in LOOPBACK
    return users.is_admin(name)
