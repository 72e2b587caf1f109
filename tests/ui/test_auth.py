"""Password hashes for the login: salted PBKDF2-SHA256 in a stated format, checked in constant time."""

import hashlib
import re

import pytest

from ui.auth import ITERATIONS, Users, add_user, hash_password, verify_password

FAST = 1_000  # iterations for tests of the format; one test checks the stored default


def test_the_right_password_verifies_and_a_near_miss_does_not():
    stored = hash_password("correct horse", FAST)
    assert verify_password("correct horse", stored)
    for wrong in ("correct horse ", "Correct horse", "correct hors", "", "correct　horse"):
        assert not verify_password(wrong, stored), wrong


def test_japanese_passwords_are_hashed_as_utf8():
    stored = hash_password("自治体DX推進の合言葉", FAST)
    assert verify_password("自治体DX推進の合言葉", stored) and not verify_password("自治体DX推進の合言棄", stored)


def test_the_same_password_hashes_differently_each_time():
    first, second = hash_password("correct horse", FAST), hash_password("correct horse", FAST)
    assert first != second
    assert first.split("$")[2] != second.split("$")[2]  # a fresh salt
    assert verify_password("correct horse", first) and verify_password("correct horse", second)


def test_the_stored_format_is_scheme_iterations_salt_and_pbkdf2_digest():
    stored = hash_password("correct horse")
    assert re.fullmatch(r"pbkdf2_sha256\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}", stored), stored
    scheme, iterations, salt, digest = stored.split("$")
    assert int(iterations) == ITERATIONS >= 100_000
    expected = hashlib.pbkdf2_hmac("sha256", b"correct horse", bytes.fromhex(salt), ITERATIONS).hex()
    assert digest == expected  # any PBKDF2 implementation can check these files


def test_a_hash_is_checked_with_the_iterations_it_was_stored_with():
    """Raising ITERATIONS later must not lock out users whose hashes were stored with fewer."""
    stored = hash_password("correct horse", 2_000)
    assert stored.split("$")[1] == "2000" and verify_password("correct horse", stored)


DAMAGED = {
    "empty": lambda s: "",
    "a plain password": lambda s: "correct horse",
    "another scheme": lambda s: s.replace("pbkdf2_sha256", "pbkdf2_sha1"),
    "other separators": lambda s: s.replace("$", ":"),
    "a fifth part": lambda s: s + "$extra",
    "a changed digest": lambda s: s[:-1] + ("0" if s[-1] != "0" else "1"),
    "iterations not a number": lambda s: "pbkdf2_sha256$many$" + s.split("$", 2)[2],
    "salt not hex": lambda s: s.replace(s.split("$")[2], "zz" * 16),
}


@pytest.mark.parametrize("damage", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_or_foreign_hash_never_verifies_and_never_raises(damage):
    stored = hash_password("correct horse", FAST)
    assert not verify_password("correct horse", damage(stored))


def test_the_credentials_file_holds_name_role_and_hash_one_line_per_user(tmp_path):
    path = tmp_path / "users.txt"
    add_user(path, "tanaka", "correct horse", "admin")
    add_user(path, "tanaka", "battery staple", "staff")  # replaced, not added twice
    (line,) = path.read_text(encoding="utf-8").splitlines()
    name, role, stored = line.split(":")
    assert (name, role) == ("tanaka", "staff") and stored.startswith(f"pbkdf2_sha256${ITERATIONS}$")
    users = Users.load(path)
    assert users.verify("tanaka", "battery staple") and not users.verify("tanaka", "correct horse")
