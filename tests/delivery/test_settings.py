import shutil
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from tracker.configuration.load import check_config, load_config
from tracker.configuration.smtp import SmtpSettings
from tracker.domain.errors import ConfigError


def smtp_file(tmp_path: Path, body: str) -> Path:
    """A copy of the test config whose tracker.toml holds only ``[smtp]`` with ``body``."""
    folder = tmp_path / "config"
    if not folder.exists():
        shutil.copytree(CONFIG_DIR, folder)
    (folder / "tracker.toml").write_text(f"[smtp]\n{body}\n", encoding="utf-8")
    return folder


def test_the_shipped_settings_use_starttls_without_a_password() -> None:
    settings = load_config(CONFIG_DIR, env={}).smtp
    assert (settings.host, settings.port, settings.security) == ("localhost", 587, "starttls")
    assert settings.sender == "区统计局 <stats@example.gov.cn>"
    assert settings.password is None


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    env = {
        "TRACKER_SMTP_HOST": "smtp.example.gov.cn",
        "TRACKER_SMTP_PORT": "465",
        "TRACKER_SMTP_USER": "stats",
        "TRACKER_SMTP_PASSWORD": "env-secret",
        "TRACKER_SMTP_SECURITY": "TLS",
        "TRACKER_SMTP_FROM": "统计 <s@example.gov.cn>",
    }
    folder = smtp_file(tmp_path, 'host = "relay"\nport = 25\nsecurity = "none"\nuser = "x"')
    settings = load_config(folder, env=env).smtp
    assert settings == SmtpSettings(
        host="smtp.example.gov.cn",
        port=465,
        security="tls",
        user="stats",
        password="env-secret",
        sender="统计 <s@example.gov.cn>",
    )


def test_the_port_follows_the_security_unless_set(tmp_path: Path) -> None:
    assert load_config(smtp_file(tmp_path, 'security = "tls"'), env={}).smtp.port == 465
    assert load_config(smtp_file(tmp_path, 'security = "none"'), env={}).smtp.port == 25


def test_the_password_can_come_from_a_file(tmp_path: Path) -> None:
    folder = smtp_file(tmp_path, "")
    (folder / "smtp-password").write_text("file-secret\n", encoding="utf-8")
    folder = smtp_file(tmp_path, 'user = "stats"\npassword_file = "smtp-password"')
    settings = load_config(folder, env={}).smtp
    assert settings.password == "file-secret"
    assert "file-secret" not in repr(settings)
    assert "file-secret" not in settings.describe()


@pytest.mark.parametrize(
    ("body", "env", "message"),
    [
        (
            'password = "hunter2"',
            {},
            "remove 'password'; set TRACKER_SMTP_PASSWORD or password_file",
        ),
        ('security = "ssl"', {}, "SMTP security 'ssl' is unknown; use one of: starttls, tls, none"),
        ("", {"TRACKER_SMTP_PORT": "smtp"}, "SMTP port 'smtp' is not a port number"),
        ('from = "stats"', {}, "'from' = 'stats' has no email address"),
        ('password_file = "missing"', {}, "password_file"),
        ('from = "统计@例子.中国"', {}, "has no email address in ASCII"),
        ('timeout = "30s"', {}, "'timeout' = '30s' must be a number from 1 to 600"),
        ("timeout = 0", {}, "'timeout' = 0 must be a number from 1 to 600"),
        ('max_attempts = "five"', {}, "'max_attempts' = 'five' must be a number from 1 to 20"),
        ("retry_seconds = 100000000000000", {}, "'retry_seconds' = 100000000000000 must be"),
        ('ehlo_name = "tracker"', {}, "'ehlo_name' = 'tracker' is not a fully qualified host"),
        ('ehlo_name = "统计.example.cn"', {}, "is not a host name"),
        ('ehlo_name = "bad_name.example.cn"', {}, "is not a host name"),
        ('ehlo_name = "-x.example.cn"', {}, "is not a host name"),
        ('ehlo_name = "a b.example.cn"', {}, "is not a host name"),
        ("ehlo_name = 42", {}, "'ehlo_name' = 42 is not text"),
        ('ehlo_name = "[300.1.2.3]"', {}, "is not an address literal"),
        ('ehlo_name = "[::1]"', {}, "is not an address literal"),
        ('ehlo_name = "[IPv6:10.0.0.1]"', {}, "is not an address literal"),
    ],
)
def test_bad_settings_are_refused(tmp_path: Path, body: str, env: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as error:
        check_config(smtp_file(tmp_path, body), env=env)
    assert "hunter2" not in str(error.value)


@pytest.mark.parametrize(
    ("host", "refused"),
    [("smtp.example.gov.cn", True), ("10.0.0.5", True), ("localhost", False),
     ("127.0.0.1", False), ("127.0.0.53", False), ("::1", False)],
)  # fmt: skip
def test_a_password_in_clear_text_is_refused_unless_the_relay_is_local(
    tmp_path: Path, host: str, refused: bool
) -> None:

    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    env = {
        "TRACKER_SMTP_HOST": host,
        "TRACKER_SMTP_SECURITY": "none",
        "TRACKER_SMTP_USER": "stats",
        "TRACKER_SMTP_PASSWORD": "s3cret-Pa55",
    }
    if not refused:
        assert load_config(folder, env=env).smtp.security == "none"
        return
    with pytest.raises(ConfigError) as error:
        check_config(folder, env=env)
    assert f'security = "none" would send the password in clear text to {host}' in str(error.value)
    assert "s3cret-Pa55" not in str(error.value)


@pytest.mark.parametrize(
    "name",
    ["tracker.stats.example.gov.cn", "mail-1.example.cn.", "[192.0.2.1]", "[IPv6:2001:db8::1]"],
)
def test_an_ehlo_name_that_is_a_host_name_or_an_address_literal_is_kept(
    tmp_path: Path, name: str
) -> None:
    assert load_config(smtp_file(tmp_path, f'ehlo_name = "{name}"'), env={}).smtp.ehlo_name == name


def test_without_an_ehlo_name_the_machine_gives_its_own() -> None:
    assert load_config(CONFIG_DIR, env={}).smtp.ehlo_name is None


def test_a_bad_ehlo_name_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    folder = smtp_file(tmp_path, 'host = "smtp.example.gov.cn"\nehlo_name = "my pc"')
    with pytest.raises(ConfigError) as error:
        check_config(folder, env={})
    [line] = [x for x in str(error.value).splitlines() if "ehlo_name" in x]
    assert line.startswith(f"{folder / 'tracker.toml'}:3: [smtp] 'ehlo_name' = 'my pc' is not")
    assert "tracker.stats.example.gov.cn" in line  # the fix: what to write instead
