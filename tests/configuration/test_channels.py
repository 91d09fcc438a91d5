"""``[channels]`` of recipients.toml: robots and email channels, each mistake refused at load
with its file and line."""

from pathlib import Path

import pytest

from tests.configuration.conftest import change
from tracker.configuration.load import check_config, load_config
from tracker.domain.errors import ConfigError

WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx"
DINGTALK = "https://oapi.dingtalk.com/robot/send?access_token=abc123"
CHANNELS = f'''
[channels.leaders-wecom]
kind = "wecom"
webhook = "{WECOM}"

[channels.leaders-dingtalk]
kind = "dingtalk"
webhook = "{DINGTALK}"
secret_env = "DINGTALK_SECRET"

[channels.office]
kind = "email"
addresses = ["办公室 <office2@example.gov.cn>"]
'''
ENV = {"DINGTALK_SECRET": "SECabc"}


def with_channels(config: Path, recipients: str = '"leadership"') -> Path:
    path = config / "recipients.toml"
    path.write_text(path.read_text(encoding="utf-8") + CHANNELS, encoding="utf-8")
    schedule = config / "schedule.toml"
    change(schedule, 'recipients = "leadership"', f"recipients = {recipients}")
    return path


def refusal(config: Path, env: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as raised:
        check_config(config, env=ENV if env is None else env)
    return str(raised.value)


def test_it_reads_the_channels_a_job_names(config: Path) -> None:
    with_channels(config, '["leadership", "leaders-wecom", "leaders-dingtalk", "office"]')
    schedule = load_config(config, env=ENV).schedule
    job = schedule.job("monthly-report")
    assert job.channels == ("leaders-wecom", "leaders-dingtalk")
    assert "办公室 <office2@example.gov.cn>" in job.recipients  # an email channel: addresses
    wecom, dingtalk = schedule.channels["leaders-wecom"], schedule.channels["leaders-dingtalk"]
    assert (wecom.kind, wecom.webhook, wecom.secret) == ("wecom", WECOM, None)
    assert (dingtalk.kind, dingtalk.secret) == ("dingtalk", "SECabc")
    assert "SECabc" not in repr(dingtalk)
    assert "693a91f6" not in repr(wecom)


def test_it_reads_channels_named_in_a_list(config: Path) -> None:
    path = with_channels(config)
    change(path, "leadership = [\n", 'leadership = [\n    "leaders-wecom",\n')
    job = load_config(config, env=ENV).schedule.job("monthly-report")
    assert job.channels == ("leaders-wecom",)
    assert len(job.recipients) == 2


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (WECOM, WECOM.replace("https", "http"), "must begin with https://"),
        (WECOM, WECOM.replace("qyapi.weixin.qq.com", "qyapi.example.com"), "must be on qyapi"),
        (DINGTALK, DINGTALK.replace("oapi.dingtalk.com", "qyapi.weixin.qq.com"), "oapi.dingtalk"),
        (DINGTALK, DINGTALK.replace("access_token=abc123", "x=1"), "has no access_token="),
        (WECOM, WECOM.replace("qq.com", "qq.com:8443"), "must be on qyapi.weixin.qq.com"),
        (WECOM, WECOM.replace("https://", "https://user@"), "must be on qyapi.weixin.qq.com"),
    ],
)
def test_it_refuses_a_webhook_not_on_the_services_own_https_host(
    config: Path, old: str, new: str, says: str
) -> None:
    path = with_channels(config)
    line = change(path, old, new)
    message = refusal(config)
    assert f"{path}:{line}: [channels." in message
    assert says in message
    assert "693a91f6" not in message  # the key is not repeated


def test_it_refuses_a_dingtalk_channel_without_its_secret(config: Path) -> None:
    path = with_channels(config)
    change(path, 'secret_env = "DINGTALK_SECRET"\n', "")
    message = refusal(config)
    header = path.read_text(encoding="utf-8").splitlines().index("[channels.leaders-dingtalk]")
    assert message.startswith(f"{path}:{header + 1}: [channels.leaders-dingtalk] needs the robot")


def test_it_refuses_a_secret_variable_that_is_not_set(config: Path) -> None:
    path = with_channels(config)
    line = path.read_text(encoding="utf-8").splitlines().index('secret_env = "DINGTALK_SECRET"')
    message = refusal(config, env={})
    assert message == (
        f"{path}:{line + 1}: [channels.leaders-dingtalk] the environment variable "
        "DINGTALK_SECRET is not set"
    )


def test_it_refuses_a_secret_on_a_wecom_robot(config: Path) -> None:
    path = with_channels(config)
    old = '[channels.leaders-wecom]\nkind = "wecom"\n'
    line = change(path, old, old + 'secret = "SECx"\n') + 2
    assert f"{path}:{line}: unknown key 'secret' in [channels.leaders-wecom]" in refusal(config)


def test_it_refuses_a_list_naming_an_unknown_channel(config: Path) -> None:
    path = with_channels(config)
    line = change(path, "leadership = [\n", 'leadership = [\n    "leaders-wecon",\n') + 1
    message = refusal(config)
    assert message == (
        f"{path}:{line}: lists.leadership: 'leaders-wecon' is neither an email address nor a "
        "channel of recipients.toml ([channels.NAME]); did you mean 'leaders-wecom'?"
    )


def test_it_refuses_a_job_naming_an_unknown_channel(config: Path) -> None:
    with_channels(config, '["leadership", "leaders-dingtlk"]')
    schedule = config / "schedule.toml"
    line = (
        schedule.read_text(encoding="utf-8")
        .splitlines()
        .index('recipients = ["leadership", "leaders-dingtlk"]')
    )
    assert refusal(config) == (
        f"{schedule}:{line + 1}: [jobs.monthly-report] recipient 'leaders-dingtlk' is neither "
        "an address (in ASCII), nor a list, nor a channel in recipients.toml"
    )


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('s-wecom]\nkind = "wecom"', 's-wecom]\nkind = "feishu"', "kind 'feishu' is unknown"),
        ('kind = "email"\naddresses = ["办公室 <office2@example.gov.cn>"]', 'kind = "email"',
         "an email channel needs addresses"),
        ("office2@example.gov.cn", "office2@@example.gov.cn", "is not an email address"),
        ("[channels.office]", '[channels."a@b"]', "may not contain @"),
        ('s-wecom]\nkind = "wecom"\n', 's-wecom]\nkind = "wecom"\ntimeout = 0\n', "timeout must"),
        ("[channels.office]", f"[channels.{'o' * 65}]", "is longer than 64 characters"),
    ],
)  # fmt: skip
def test_it_refuses_other_mistakes_in_a_channel(
    config: Path, old: str, new: str, says: str
) -> None:
    path = with_channels(config)
    change(path, old, new)
    message = refusal(config)
    assert message.startswith(f"{path}:")
    assert says in message


def test_it_refuses_a_list_and_a_channel_of_the_same_name(config: Path) -> None:
    path = with_channels(config)
    line = change(path, "[channels.office]", "[channels.leadership]")
    message = refusal(config)
    assert "list 'leadership' has the name of a channel" in message
    listed = path.read_text(encoding="utf-8").splitlines().index("leadership = [") + 1
    assert message.startswith(f"{path}:{listed}: ")  # the list's line, not the channel's
    assert listed != line


def test_a_loopback_webhook_is_accepted_only_as_a_testing_aid(config: Path) -> None:
    path = with_channels(config)
    change(path, WECOM, "http://127.0.0.1:8080/cgi-bin/webhook/send?key=k")
    assert "must begin with https://" in refusal(config)
    allowed = {**ENV, "TRACKER_WEBHOOK_ALLOW_LOOPBACK": "1"}
    assert load_config(config, env=allowed).schedule.channels["leaders-wecom"].host == (
        "127.0.0.1:8080"
    )
    change(path, "http://127.0.0.1:8080", "http://10.0.0.1:8080")
    assert "must begin with https://" in refusal(config, env=allowed)


def test_it_reads_the_reports_base_url(config: Path) -> None:
    settings = config / "tracker.toml"
    text = settings.read_text(encoding="utf-8")
    assert "[report]" in text
    change(settings, "[report]\n", '[report]\nbase_url = "https://stats.example.gov.cn/r"\n')
    assert load_config(config).report_base_url == "https://stats.example.gov.cn/r"
    line = change(settings, "https://stats.example.gov.cn/r", "stats.example.gov.cn")
    with pytest.raises(ConfigError, match=f"{settings}:{line}: \\[report\\] base_url"):
        check_config(config)


def test_it_refuses_a_channel_in_a_reminder(config: Path) -> None:
    with_channels(config)
    schedule = config / "schedule.toml"
    line = change(schedule, 'kind = "reminder"\n', 'kind = "reminder"\nrecipients = "office"\n')
    line = change(schedule, 'recipients = "office"', 'recipients = "leaders-wecom"')
    assert refusal(config) == (
        f"{schedule}:{line}: [jobs.overdue-reminder] channel 'leaders-wecom' gets a report's "
        "summary; a reminder goes to each owner's addresses in recipients.toml [owners]: name "
        "the channel in a report job"
    )
