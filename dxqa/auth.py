"""Optional login for a shared deployment: users, roles, salted password hashes in one file.

The credentials file (`DXQA_AUTH_FILE`) has one user per line, written by `dxqa user add`:

    tanaka:admin:pbkdf2_sha256$200000$<salt hex>$<hash hex>
    suzuki:staff:pbkdf2_sha256$200000$…

Passwords are never stored or hard-coded, only PBKDF2-SHA256 hashes (Python's hashlib, no
extra package). `admin` may add documents and re-index from the UI; `staff` may ask. With
no credentials file there is no login, and admin actions are allowed only while the UI
listens on loopback (one person's own PC).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from dxqa.errors import ConfigError

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


class Users:
    """The users of one credentials file; `check` is what Gradio's login calls."""

    def __init__(self, users: dict[str, User]) -> None:
        self._users = users

    @classmethod
    def load(cls, path: Path) -> Users:
        if not path.is_file():
            raise ConfigError(
                f"ログイン用の利用者ファイル {path} がありません。`dxqa user add 名前 --admin` で作成してください。",
                f"Credentials file {path} does not exist; create it with `dxqa user add NAME --admin`.",
            )
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
        return cls(users)

    def check(self, name: str, password: str) -> bool:
        user = self._users.get(name)
        return user is not None and verify_password(password, user.password_hash)

    def is_admin(self, name: str | None) -> bool:
        user = self._users.get(name or "")
        return user is not None and user.role == "admin"


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
