"""The AWS connector's behaviour under moto: accounts, regions, faults, gaps, safety, CLI.

The exact inventory of every supported type is asserted in test_aws_estate.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore import xform_name
from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError
from typer.testing import CliRunner

from connectors.aws import AwsConnector, AwsOptions
from connectors.aws.permissions import CREDENTIAL_CALLS, READ_ONLY_PREFIXES, action, policy
from connectors.interface import scan
from connectors.toolkit import Cancelled
from exitplan.cli import app
from exitplan.model import Gap, Inventory
from exitplan.sample import sample_path
from tests.aws_estate import organization
from tests.aws_faults import Raw, Recorder, ec2_error, json_error, query_error

REGIONS = ("eu-west-1", "eu-central-1")
SECRET_ENV = "planted-secret-env-value"
SECRET_USERDATA = "planted-secret-in-user-data"


def seed(session: boto3.Session, label: str) -> None:
    """A small estate: an instance with user data, a bucket per region, a database, a
    table and a function whose environment holds a secret."""
    ec2 = session.client("ec2", "eu-west-1")
    ec2.run_instances(
        ImageId="ami-12c6146b",
        MinCount=1,
        MaxCount=1,
        InstanceType="t3.small",
        UserData=f"#!/bin/sh\necho {SECRET_USERDATA}",
        TagSpecifications=[
            {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": f"{label}-web"}]}
        ],
    )
    for region in REGIONS:
        session.client("s3", region).create_bucket(
            Bucket=f"{label}-bucket-{region}",
            CreateBucketConfiguration={"LocationConstraint": region},
        )
        session.client("rds", region).create_db_instance(
            DBInstanceIdentifier=f"{label}-db",
            Engine="postgres",
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="admin",
            MasterUserPassword="planted-secret-password",
        )
    session.client("dynamodb", "eu-west-1").create_table(
        TableName=f"{label}-table",
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    role = session.client("iam").create_role(
        RoleName=f"{label}-lambda", AssumeRolePolicyDocument="{}"
    )["Role"]["Arn"]
    session.client("lambda", "eu-central-1").create_function(
        FunctionName=f"{label}-fn",
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
        Environment={"Variables": {"DB_PASSWORD": SECRET_ENV}},
    )


def run(recorder: Recorder | None = None, **options: Any) -> Inventory:
    chosen: dict[str, Any] = {"regions": REGIONS, "max_workers": 4, **options}
    connector = AwsConnector(AwsOptions(client_hook=recorder, **chosen))
    return scan(connector, connector.discover())


def management() -> str:
    return str(boto3.client("sts").get_caller_identity()["Account"])


def of_type(inventory: Inventory, kind: str) -> list[Any]:
    return sorted((r for r in inventory.resources if r.type == kind), key=lambda r: r.id)


@pytest.mark.slow
def test_an_organization_is_read_account_by_account_with_reads_only(aws: None) -> None:
    member, member_session = organization()
    seed(boto3.Session(), "mgmt")
    seed(member_session, "member")
    recorder = Recorder()
    inventory = run(recorder, org=True)

    root = management()
    requested = {(s.kind, s.id) for s in inventory.scan.scopes_requested}
    assert requested == {("organization", "organization"), ("account", root), ("account", member)}
    assert inventory.scan.scopes_covered == inventory.scan.scopes_requested
    assert inventory.gaps == []
    for account, label in ((root, "mgmt"), (member, "member")):
        mine = [r for r in inventory.resources if r.account == account]
        (instance,) = [r for r in mine if r.type == "AWS::EC2::Instance"]
        assert instance.name == f"{label}-web"
        assert instance.region == "eu-west-1"
        assert instance.id.startswith(f"arn:aws:ec2:eu-west-1:{account}:instance/i-")
        assert instance.attributes["instance_type"] == "t3.small"
        assert instance.attributes["vcpu"] == 2
        assert instance.attributes["memory_mib"] == 2048
        assert instance.attributes["ebs_gib"] == 8
        buckets = {r.name: r.region for r in mine if r.type == "AWS::S3::Bucket"}
        assert buckets == {f"{label}-bucket-{region}": region for region in REGIONS}
        databases = sorted((r.region, r.name) for r in mine if r.type == "AWS::RDS::DBInstance")
        assert databases == sorted((region, f"{label}-db") for region in REGIONS)
        (function,) = [r for r in mine if r.type == "AWS::Lambda::Function"]
        assert (function.region, function.attributes["runtime"]) == ("eu-central-1", "python3.12")
    # Global services are read once per account, not once per region.
    roles = [r for r in inventory.resources if r.type == "AWS::IAM::Role"]
    assert len({r.id for r in roles}) == len(roles)
    assert {r.region for r in roles} == {"global"}

    # Only reads were called, and the printed policy grants every one of them.
    called = recorder.operations()
    assert len(called) > 50  # every spec ran, not an early exit
    granted = set(json.loads(policy(org=True))["Statement"][0]["Action"])
    for service, operation in called:
        assert operation.startswith(READ_ONLY_PREFIXES) or operation in CREDENTIAL_CALLS, (
            f"{service}:{operation} is not a read"
        )
        if operation not in CREDENTIAL_CALLS and service != "organizations":
            assert action(service, xform_name(operation)) in granted, f"{service}:{operation}"


def test_clients_retry_adaptively_and_are_cached(aws: None) -> None:
    recorder = Recorder()
    connector = AwsConnector(AwsOptions(client_hook=recorder))
    connector.discover()
    created = connector._base
    assert created is not None
    client = created("rds", "eu-west-1")
    assert created("rds", "eu-west-1") is client
    assert client.meta.config.retries == {"mode": "adaptive", "total_max_attempts": 10}
    assert client.meta.config.max_pool_connections >= 2 * 16


@pytest.mark.slow
def test_planted_secrets_never_reach_the_inventory(aws: None, tmp_path: Path) -> None:
    seed(boto3.Session(), "mgmt")
    inventory = run()
    kinds = {r.type for r in inventory.resources}
    assert {"AWS::Lambda::Function", "AWS::EC2::Instance", "AWS::RDS::DBInstance"} <= kinds
    text = inventory.model_dump_json()
    for secret in (SECRET_ENV, SECRET_USERDATA, "planted-secret-password", "testing"):
        assert secret not in text


def test_throttling_that_recovers_leaves_no_gap(aws: None) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()
    throttled = {"left": 2}

    def throttle(service: str, region: str, operation: str) -> Any:
        wanted = (service, region, operation) == ("ec2", "eu-west-1", "DescribeInstances")
        if wanted and throttled["left"]:
            throttled["left"] -= 1
            return ec2_error("RequestLimitExceeded", 503)
        return None

    recorder.faults.append(throttle)
    inventory = run(recorder, services=("ec2",), retry_mode="standard")
    assert inventory.gaps == []
    assert len(of_type(inventory, "AWS::EC2::Instance")) == 1
    tries = [c for c in recorder.calls if c == ("ec2", "eu-west-1", "DescribeInstances")]
    assert len(tries) == 1  # one call as botocore counts them; the retries happen inside it
    assert throttled["left"] == 0


def test_throttling_that_does_not_recover_is_a_gap(aws: None) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()
    recorder.faults.append(
        lambda s, r, o: (
            json_error("ThrottlingException")
            if (s, r, o) == ("dynamodb", "eu-west-1", "ListTables")
            else None
        )
    )
    # Standard mode: adaptive mode would also slow the client down, in real time.
    inventory = run(recorder, services=("dynamodb", "rds"), max_attempts=3, retry_mode="standard")
    (gap,) = inventory.gaps
    assert (gap.scope, gap.region, gap.service, gap.code) == (
        management(),
        "eu-west-1",
        "dynamodb",
        "ThrottlingException",
    )
    assert "ListTables" in gap.message and "AWS::DynamoDB::Table" in gap.message
    assert of_type(inventory, "AWS::DynamoDB::Table") == []
    assert len(of_type(inventory, "AWS::RDS::DBInstance")) == 2


def test_access_denied_for_one_service_in_one_region_is_one_gap(aws: None) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()
    recorder.faults.append(
        lambda s, r, o: (
            query_error("AccessDenied", 403)
            if (s, r, o) == ("rds", "eu-central-1", "DescribeDBInstances")
            else None
        )
    )
    inventory = run(recorder)
    assert inventory.gaps == [
        Gap(
            provider="aws",
            scope=management(),
            region="eu-central-1",
            service="rds",
            code="AccessDenied",
            message="DescribeDBInstances: injected AccessDenied (not read: AWS::RDS::DBInstance)",
        )
    ]
    assert [r.region for r in of_type(inventory, "AWS::RDS::DBInstance")] == ["eu-west-1"]
    assert len(of_type(inventory, "AWS::S3::Bucket")) == 2
    assert len(of_type(inventory, "AWS::Lambda::Function")) == 1
    assert inventory.scan.scopes_covered == inventory.scan.scopes_requested


def test_a_denied_detail_keeps_the_resource_and_says_what_is_missing(aws: None) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()
    recorder.faults.append(
        lambda s, r, o: (
            json_error("AccessDeniedException", 403) if (s, o) == ("lambda", "ListTags") else None
        )
    )
    inventory = run(recorder, services=("lambda",))
    assert len(of_type(inventory, "AWS::Lambda::Function")) == 1
    (gap,) = inventory.gaps
    assert (gap.region, gap.service, gap.code) == (
        "eu-central-1",
        "lambda",
        "AccessDeniedException",
    )
    assert "1 of 1 AWS::Lambda::Function lack what ListTags tells" in gap.message


@pytest.mark.slow
def test_a_role_that_cannot_be_assumed_is_a_gap_and_the_rest_is_read(aws: None) -> None:
    member, member_session = organization()
    seed(boto3.Session(), "mgmt")
    seed(member_session, "member")
    recorder = Recorder()
    recorder.faults.append(
        lambda s, r, o: (
            query_error("AccessDenied", 403) if (s, o) == ("sts", "AssumeRole") else None
        )
    )
    inventory = run(recorder, org=True)
    (gap,) = inventory.gaps
    assert (gap.scope, gap.region, gap.service, gap.code) == (member, None, "*", "AccessDenied")
    assert "OrganizationAccountAccessRole" in gap.message
    assert {r.account for r in inventory.resources} == {management()}
    assert member not in {s.id for s in inventory.scan.scopes_covered}
    assert management() in {s.id for s in inventory.scan.scopes_covered}


def test_an_unreachable_region_is_a_gap_per_service_and_others_are_intact(aws: None) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()

    def unreachable(service: str, region: str, operation: str) -> Any:
        if region == "eu-central-1":
            raise EndpointConnectionError(endpoint_url=f"https://{service}.{region}.amazonaws.com")
        return None

    recorder.faults.append(unreachable)
    inventory = run(recorder, services=("rds", "lambda"), max_attempts=2)
    assert {(g.region, g.service, g.code) for g in inventory.gaps} == {
        ("eu-central-1", "rds", "EndpointConnectionError"),
        ("eu-central-1", "lambda", "EndpointConnectionError"),
    }
    assert len(inventory.gaps) == 3  # DB instances, DB clusters, functions
    assert [r.region for r in of_type(inventory, "AWS::RDS::DBInstance")] == ["eu-west-1"]


def _regions_answer(regions: dict[str, str]) -> AWSResponse:
    items = "".join(
        f"<item><regionName>{name}</regionName><regionEndpoint>ec2.{name}.amazonaws.com"
        f"</regionEndpoint><optInStatus>{status}</optInStatus></item>"
        for name, status in regions.items()
    )
    body = (
        '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
        f"<requestId>r</requestId><regionInfo>{items}</regionInfo></DescribeRegionsResponse>"
    )
    return AWSResponse("https://fault.invalid", 200, {}, Raw(body.encode()))


def test_regions_default_to_the_enabled_ones_and_a_disabled_one_is_a_gap(aws: None) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()
    answer = {
        "eu-west-1": "opt-in-not-required",
        "eu-central-1": "opted-in",
        "af-south-1": "not-opted-in",
    }
    recorder.faults.append(
        lambda s, r, o: _regions_answer(answer) if o == "DescribeRegions" else None
    )
    connector = AwsConnector(AwsOptions(client_hook=recorder, services=("rds",), max_workers=2))
    inventory = scan(connector, connector.discover())
    assert inventory.gaps == []
    assert {r.region for r in inventory.resources} == {"eu-west-1", "eu-central-1"}

    asked = run(recorder, regions=("eu-west-1", "af-south-1"), services=("rds",))
    (gap,) = asked.gaps
    assert (gap.region, gap.service, gap.code) == ("af-south-1", "*", "OptInRequired")
    assert {r.region for r in asked.resources} == {"eu-west-1"}


# -- the command line


def _with_faults(monkeypatch: pytest.MonkeyPatch, recorder: Recorder) -> None:
    original = AwsConnector.__init__

    def patched(self: AwsConnector, options: AwsOptions | None = None) -> None:
        original(self, options)
        self.options.client_hook = recorder

    monkeypatch.setattr(AwsConnector, "__init__", patched)


@pytest.mark.slow
def test_scan_aws_writes_the_inventory_and_exits_0(aws: None, tmp_path: Path) -> None:
    seed(boto3.Session(), "mgmt")
    out = tmp_path / "inventory-aws.json"
    args = ["scan", "aws", "--regions", "eu-west-1,eu-central-1", "--out", str(out), "--quiet"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    inventory = Inventory.model_validate_json(out.read_text())
    assert inventory.scan.source == "aws-api"
    assert len(of_type(inventory, "AWS::S3::Bucket")) == 2
    assert f"wrote {out}" in result.stdout
    ids = [r.id for r in inventory.resources]
    assert ids == [
        r.id for r in sorted(inventory.resources, key=lambda r: (r.account, r.region, r.type, r.id))
    ]

    planned = CliRunner().invoke(app, ["plan", str(out), "--out", str(tmp_path / "plan"), "-q"])
    assert planned.exit_code == 0, planned.output
    assert "mgmt-bucket-eu-west-1" in (tmp_path / "plan" / "resource-mapping.csv").read_text()


def test_scan_aws_with_gaps_exits_1_and_lists_them(
    aws: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()
    recorder.faults.append(
        lambda s, r, o: query_error("AccessDenied", 403) if o == "DescribeDBClusters" else None
    )
    _with_faults(monkeypatch, recorder)
    out = tmp_path / "inv.json"
    result = CliRunner().invoke(
        app,
        [
            "scan",
            "aws",
            "--regions",
            "eu-west-1",
            "--services",
            "rds",
            "-o",
            str(out),
            "--json",
            "-q",
        ],
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["resources"] == 1
    assert [(g["region"], g["code"]) for g in summary["gaps"]] == [("eu-west-1", "AccessDenied")]
    assert Inventory.model_validate_json(out.read_text()).gaps[0].service == "rds"


def test_an_interrupted_scan_writes_nothing(
    aws: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()

    def interrupt(service: str, region: str, operation: str) -> Any:
        if operation == "DescribeDBInstances":
            raise KeyboardInterrupt
        return None

    recorder.faults.append(interrupt)
    _with_faults(monkeypatch, recorder)
    out = tmp_path / "inv.json"
    previous = sample_path().read_text()  # an inventory of an earlier scan
    out.write_text(previous)
    result = CliRunner().invoke(
        app, ["scan", "aws", "--regions", "eu-west-1", "-o", str(out), "-q"]
    )
    assert result.exit_code == 130
    assert out.read_text() == previous
    assert [p.name for p in tmp_path.iterdir()] == ["inv.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--regions", "eu-westt"], "not an AWS region name"),
        (["--regions", "eu-north-9"], "unknown region eu-north-9"),
        (["--services", "ec2,mainframe"], "unknown service: mainframe"),
        (["--accounts", "12345"], "not a 12-digit AWS account id"),
        (["--org", "--accounts", "123456789012"], "exclude each other"),
        (["--max-workers", "0"], "at least 1"),
        (["--out", "."], "is a directory"),
        (["--out", "/proc/exitplan/inventory.json"], "is not writable"),
    ],
)
def test_bad_scan_options_exit_2_without_a_traceback(
    aws: None, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "inv.json"
    result = CliRunner().invoke(app, ["scan", "aws", "-o", str(out), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_missing_credentials_exit_2_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    result = CliRunner().invoke(app, ["scan", "aws", "-o", str(tmp_path / "inv.json")])
    assert result.exit_code == 2
    assert "no AWS credentials found" in result.output
    assert "aws sso login" in result.output
    unknown = CliRunner().invoke(app, ["scan", "aws", "--profile", "nope"])
    assert unknown.exit_code == 2 and "profile 'nope' not found" in unknown.output


def test_an_expired_sso_session_exits_2_with_a_hint(
    aws: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocore.exceptions import UnauthorizedSSOTokenError

    recorder = Recorder()

    def expired(service: str, region: str, operation: str) -> Any:
        raise UnauthorizedSSOTokenError()

    recorder.faults.append(expired)
    _with_faults(monkeypatch, recorder)
    result = CliRunner().invoke(app, ["scan", "aws", "-o", str(tmp_path / "inv.json")])
    assert result.exit_code == 2, result.output
    assert "UnauthorizedSSOTokenError" in result.output and "aws sso login" in result.output


def test_permissions_aws_prints_the_policy_of_the_table() -> None:
    result = CliRunner().invoke(app, ["permissions", "aws"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    (statement,) = document["Statement"]
    granted = statement["Action"]
    assert granted == sorted(set(granted))
    assert {"ec2:DescribeInstances", "s3:ListAllMyBuckets", "cloudwatch:GetMetricData"} <= set(
        granted
    )
    for name in granted:
        verb = name.split(":", 1)[1]
        assert verb == "GET" or verb.startswith(READ_ONLY_PREFIXES), name

    org = json.loads(CliRunner().invoke(app, ["permissions", "aws", "--org"]).stdout)
    extra = {a for s in org["Statement"][1:] for a in s["Action"]}
    assert extra == {"organizations:ListAccounts", "sts:AssumeRole"}


def test_progress_is_a_line_per_tenth_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from connectors.interface import Progress
    from exitplan.cli.scan import _progress_printer

    assert _progress_printer(quiet=True) is None
    show = _progress_printer(quiet=False)
    assert show is not None
    for done in range(21):
        show(Progress(done, 20, done * 3, 1 if done > 10 else 0))
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 11
    assert lines[-1] == "exitplan: scanned 20/20 units, 60 resources, 1 gaps"


def test_a_service_not_offered_in_a_region_is_a_gap_without_a_call(
    aws: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(boto3.Session(), "mgmt")
    recorder = Recorder()
    original = boto3.Session.get_available_regions

    def without_rds_in_frankfurt(self: boto3.Session, service: str, **kw: Any) -> list[str]:
        found: list[str] = original(self, service, **kw)
        return [r for r in found if (service, r) != ("rds", "eu-central-1")]

    monkeypatch.setattr(boto3.Session, "get_available_regions", without_rds_in_frankfurt)
    inventory = run(recorder, services=("rds",))
    assert {(g.region, g.service, g.code) for g in inventory.gaps} == {
        ("eu-central-1", "rds", "ServiceNotInRegion")
    }
    assert len(inventory.gaps) == 2  # DB instances and DB clusters
    assert not [c for c in recorder.calls if c[:2] == ("rds", "eu-central-1")]
    assert [r.region for r in of_type(inventory, "AWS::RDS::DBInstance")] == ["eu-west-1"]


def test_after_ctrl_c_no_client_sends_another_request(aws: None) -> None:
    recorder = Recorder()
    sent: list[str] = []
    recorder.faults.append(lambda s, r, o: sent.append(o))
    connector = AwsConnector(AwsOptions(client_hook=recorder))
    connector.discover()
    clients = connector._base
    assert clients is not None
    rds = clients("rds", "eu-west-1")
    rds.describe_db_instances()
    connector._cancelled.set()  # what collect() does on KeyboardInterrupt
    with pytest.raises(Cancelled):
        rds.describe_db_instances()
    assert sent.count("DescribeDBInstances") == 1


def test_by_default_every_enabled_region_of_the_partition_is_read(aws: None) -> None:
    for region in ("eu-west-1", "ap-southeast-2"):
        boto3.client("sqs", region).create_queue(QueueName=f"q-{region}")
    recorder = Recorder()
    inventory = run(recorder, regions=(), services=("sqs",), max_workers=8)
    assert inventory.gaps == []
    assert sorted(r.region for r in inventory.resources) == ["ap-southeast-2", "eu-west-1"]
    asked = {region for service, region, _ in recorder.calls if service == "sqs"}
    assert {"us-east-1", "eu-north-1", "sa-east-1"} <= asked
    assert not {r for r in asked if r.startswith(("cn-", "us-gov-"))}


def _tables(count: int, tags: int = 0) -> None:
    dynamodb = boto3.client("dynamodb", "eu-west-1")
    for n in range(count):
        dynamodb.create_table(
            TableName=f"t{n}",
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            Tags=[{"Key": f"k{i:02d}", "Value": str(i)} for i in range(tags)],
        )


def test_denied_details_are_one_gap_however_many_items_and_facts_are_not_guessed(
    aws: None,
) -> None:
    _tables(5)
    recorder = Recorder()
    calls = iter(range(100))

    def denied(service: str, region: str, operation: str) -> Any:
        if operation != "DescribeTable":
            return None
        # AWS's messages name the resource: each differs.
        body = f'{{"__type": "AccessDeniedException", "message": "denied on table {next(calls)}"}}'
        from tests.aws_faults import Raw

        headers = {"x-amzn-query-error": "AccessDeniedException;Sender"}
        return AWSResponse("https://fault.invalid", 400, headers, Raw(body.encode()))

    recorder.faults.append(denied)
    inventory = run(recorder, regions=("eu-west-1",), services=("dynamodb",))
    (gap,) = inventory.gaps
    assert gap.code == "AccessDeniedException"
    assert "5 of 5 AWS::DynamoDB::Table lack what DescribeTable tells" in gap.message
    tables = of_type(inventory, "AWS::DynamoDB::Table")
    assert len(tables) == 5
    # billing mode, streams and global-table flags have defaults in the table; without
    # DescribeTable's answer they are unknown, not PROVISIONED and false.
    assert all(t.attributes == {} for t in tables)


def test_per_item_calls_read_every_page(aws: None) -> None:
    _tables(1, tags=23)  # ListTagsOfResource answers ten tags a page in moto
    inventory = run(regions=("eu-west-1",), services=("dynamodb",))
    (table,) = of_type(inventory, "AWS::DynamoDB::Table")
    assert len(table.tags) == 23


def test_a_record_a_batch_does_not_return_is_a_gap(aws: None) -> None:
    ecs = boto3.client("ecs", "eu-west-1")
    for name in ("one", "two"):
        ecs.create_cluster(clusterName=name)
    recorder = Recorder()
    original = recorder.__call__

    def hook(client: Any) -> None:
        original(client)

        def drop_two(parsed: dict[str, Any], **_: Any) -> None:
            parsed["clusters"] = [c for c in parsed["clusters"] if c["clusterName"] != "two"]

        client.meta.events.register("after-call.ecs.DescribeClusters", drop_two)

    inventory = run(hook, regions=("eu-west-1",), services=("ecs",))  # type: ignore[arg-type]
    assert len(of_type(inventory, "AWS::ECS::Cluster")) == 2
    (gap,) = inventory.gaps
    assert (gap.code, gap.service) == ("NotReturned", "ecs")
    assert "1 of 2 AWS::ECS::Cluster lack what DescribeClusters tells" in gap.message


def test_a_record_without_its_id_or_name_is_a_gap_and_the_rest_is_read(
    aws: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rds = boto3.client("rds", "eu-west-1")
    for name in ("one", "two", "three"):
        rds.create_db_instance(
            DBInstanceIdentifier=name,
            Engine="postgres",
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="admin",
            MasterUserPassword="planted-secret-password",
        )
    recorder = Recorder()
    original = recorder.__call__

    def hook(client: Any) -> None:
        original(client)

        def break_two(parsed: dict[str, Any], **_: Any) -> None:
            for db in parsed.get("DBInstances", []):
                db["DBName"] = "planted-value"
                if db["DBInstanceIdentifier"] == "two":
                    del db["DBInstanceArn"]
                elif db["DBInstanceIdentifier"] == "three":
                    del db["DBInstanceIdentifier"]

        client.meta.events.register("after-call.rds.DescribeDBInstances", break_two)

    _with_faults(monkeypatch, hook)  # type: ignore[arg-type]
    out = tmp_path / "inv.json"
    args = ["scan", "aws", "--regions", "eu-west-1", "--services", "rds", "-o", str(out), "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "planted" not in result.output and "planted" not in out.read_text()
    inventory = Inventory.model_validate_json(out.read_text())
    assert [r.name for r in of_type(inventory, "AWS::RDS::DBInstance")] == ["one"]
    gaps = sorted(inventory.gaps, key=lambda g: g.message)
    assert [(g.region, g.service, g.code) for g in gaps] == [
        ("eu-west-1", "rds", "MalformedRecord")
    ] * 2
    lacking = ["2 of page 1 has no DBInstanceArn", "3 of page 1 has no DBInstanceIdentifier"]
    for gap, problem in zip(gaps, lacking, strict=True):
        assert gap.message.startswith(f"DescribeDBInstances: record {problem} (fields present: ")
        assert "AllocatedStorage, " in gap.message and gap.message.endswith("); left out")


def _aurora() -> None:
    boto3.client("rds", "eu-west-1").create_db_cluster(
        DBClusterIdentifier="ledger",
        Engine="aurora-postgresql",
        EngineVersion="15.4",
        MasterUsername="admin",
        MasterUserPassword="planted-secret-password",
    )
    boto3.client("cloudwatch", "eu-west-1").put_metric_data(
        Namespace="AWS/RDS",
        MetricData=[
            {
                "MetricName": "VolumeBytesUsed",
                "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "ledger"}],
                "Value": 5 * 2**30,
                "Unit": "Bytes",
            }
        ],
    )


def test_aurora_volume_bytes_come_from_cloudwatch(aws: None) -> None:
    _aurora()
    inventory = run(regions=("eu-west-1",), services=("rds",))
    (cluster,) = of_type(inventory, "AWS::RDS::DBCluster")
    assert cluster.attributes["size_bytes"] == 5 * 2**30
    assert inventory.gaps == []


def test_metrics_that_cannot_be_read_are_a_gap_naming_what_is_unknown(aws: None) -> None:
    _aurora()
    recorder = Recorder()
    recorder.faults.append(
        lambda s, r, o: json_error("AccessDenied", 403) if o == "GetMetricData" else None
    )
    inventory = run(recorder, regions=("eu-west-1",), services=("rds",))
    (cluster,) = of_type(inventory, "AWS::RDS::DBCluster")
    assert "size_bytes" not in cluster.attributes
    (gap,) = inventory.gaps
    assert (gap.region, gap.service, gap.code) == ("eu-west-1", "cloudwatch", "AccessDenied")
    assert "volume sizes of 1 resources in eu-west-1 unknown" in gap.message
